package org.simgan.refine;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.data.Normalization;
import org.simgan.progress.Listener;
import org.simgan.runtime.Engine;
import org.simgan.runtime.EngineException;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;

/**
 * A trained refiner loaded from a plain ONNX file, kept open to refine many stacks. The file must take one input
 * of shape [N, 1, H, W] and give one output of the same shape; images are scaled to [-1, 1] by their bit depth
 * on the way in and back on the way out, so the refined stack has the bit depth of its source. Labels are carried
 * over unchanged; the source is never modified.
 */
public final class RefinerModel implements AutoCloseable {
    private final Path file;
    private final GraphSession session;
    private final TensorStore store = new TensorStore();
    private final String inputName;
    private final int height, width;
    private final Map<String, String> metadata;

    public RefinerModel(Path file, Engine engine) throws IOException {
        this.file = file;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("no refiner model at " + file + ": give the .onnx file a training run wrote (refiner.onnx)");
        }
        ai.onnx.proto.OnnxMl.ModelProto proto;
        try {
            proto = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(bytes);
            if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0) throw new IOException("it holds no graph");
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not an ONNX model (" + e.getMessage() + "): give the refiner.onnx a training run wrote");
        }
        try (OrtSession probe = engine.open(bytes, false)) {
            Map<String, NodeInfo> in = probe.getInputInfo(), out = probe.getOutputInfo();
            if (in.size() != 1 || out.size() != 1) {
                throw new IOException(file + " has " + in.size() + " inputs and " + out.size() + " outputs; a refiner has one image input and one image output");
            }
            this.inputName = in.keySet().iterator().next();
            long[] shape = ((TensorInfo) in.values().iterator().next().getInfo()).getShape();
            long[] outShape = ((TensorInfo) out.values().iterator().next().getInfo()).getShape();
            if (shape.length != 4 || shape[1] != 1 || shape[2] <= 0 || shape[3] <= 0) {
                throw new IOException(file + " takes input of shape " + Arrays.toString(shape) + "; a refiner takes [N, 1, height, width] grayscale images");
            }
            if (outShape.length != 4 || outShape[1] != 1 || outShape[2] != shape[2] || outShape[3] != shape[3]) {
                throw new IOException(file + " gives output of shape " + Arrays.toString(outShape) + "; a refiner returns images of its input's shape");
            }
            this.height = (int) shape[2];
            this.width = (int) shape[3];
            this.metadata = Collections.unmodifiableMap(probe.getMetadata().getCustomMetadata());
        } catch (OrtException e) {
            throw new EngineException("could not read " + file + ": " + e.getMessage(), e);
        } catch (EngineException e) {
            throw new IOException(file + " could not be loaded by ONNX Runtime: " + e.getMessage(), e);
        }
        this.session = new GraphSession("refiner " + file.getFileName(), engine, proto, store, true);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public Path file() {
        return file;
    }

    /** The model's metadata (training settings, normalization), empty for a model made elsewhere. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Refined images, {@code batch} at a time, with the source's labels and bit depth. */
    public EyeDataset refine(EyeDataset source, int batch, Listener listener) {
        if (source.width() != width || source.height() != height) {
            throw new IllegalArgumentException("the images are " + source.width() + "x" + source.height() + " but the refiner "
                    + file.getFileName() + " takes " + width + "x" + height + ": resize them first");
        }
        if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        Normalization n = Normalization.forBitDepth(source.bitDepth());
        int size = width * height;
        float[][] out = new float[source.size()][];
        for (int from = 0; from < source.size(); from += batch) {
            if (listener.cancelRequested()) throw new java.util.concurrent.CancellationException("refining was stopped");
            int count = Math.min(batch, source.size() - from);
            float[] in = new float[count * size];
            for (int i = 0; i < count; i++) {
                float[] px = source.pixels(from + i);
                for (int j = 0; j < size; j++) {
                    if (!Float.isFinite(px[j])) {
                        throw new IllegalArgumentException("image " + (from + i) + " ('" + source.label(from + i).name() + "') has a NaN or infinite pixel");
                    }
                    in[i * size + j] = n.toModel(px[j]);
                }
            }
            float[] y = session.run(Map.of(inputName, in)).values().iterator().next();
            for (int i = 0; i < count; i++) {
                float[] px = new float[size];
                for (int j = 0; j < size; j++) px[j] = quantize(n.fromModel(y[i * size + j]), source.bitDepth());
                out[from + i] = px;
            }
            listener.progress(from + count, source.size());
        }
        org.simgan.data.SliceLabel[] labels = source.labels().toArray(new org.simgan.data.SliceLabel[0]);
        return new EyeDataset(width, height, source.bitDepth(), out, labels);
    }

    private static float quantize(float v, int bitDepth) {
        return bitDepth == 32 ? v : Math.round(v);
    }

    @Override
    public void close() {
        session.close();
        store.close();
    }
}
