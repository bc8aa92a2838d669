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
import org.simgan.progress.Listener;
import org.simgan.runtime.Engine;
import org.simgan.runtime.EngineException;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;

/**
 * A trained refiner, kept open to refine many stacks: a plain ONNX file, or a bioimage.io model package (a .zip or a
 * folder, see {@link PackagedRefiner}) whose ONNX weights it runs with the package's pre- and postprocessing. The
 * network must take one float input of shape [N, 1, H, W] and give one output of the same shape. Stored pixels become
 * network input and network output becomes pixels by {@link PixelProcessing}: for a plain refiner each image is scaled
 * to [-1, 1] by its bit depth and back, so the refined stack has its source's bit depth; a package's description
 * says which pixels it takes and which it gives. Labels are carried over unchanged; the source is never modified.
 */
public final class RefinerModel implements AutoCloseable {
    private final Path file;
    private final GraphSession session;
    private final TensorStore store = new TensorStore();
    private final String inputName;
    private final int height, width;
    private final Map<String, String> metadata;
    /** The package's processing and name, or null for a plain ONNX refiner. */
    private final PixelProcessing packaged;
    private final String packageName;
    /** Images per ONNX Runtime call when the model fixes its batch size, else 0. */
    private final int fixedBatch;

    public RefinerModel(Path file, Engine engine) throws IOException {
        this.file = file;
        ai.onnx.proto.OnnxMl.ModelProto proto;
        if (org.simgan.bioimageio.ModelPackage.isPackage(file)) {
            PackagedRefiner p = PackagedRefiner.read(file);
            proto = p.onnx();
            this.packaged = p.processing();
            this.packageName = p.name();
        } else {
            this.packaged = null;
            this.packageName = null;
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new IOException("no refiner model at " + file + ": give the .onnx file a training run wrote (refiner.onnx) or a bioimage.io package");
            }
            try {
                proto = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(bytes);
                if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0) throw new IOException("it holds no graph");
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + " is not an ONNX model (" + e.getMessage() + "): give the refiner.onnx a training run wrote");
            }
        }
        int batch = 0;
        try (OrtSession probe = engine.open(proto.toByteArray(), false)) {
            Map<String, NodeInfo> in = probe.getInputInfo(), out = probe.getOutputInfo();
            if (in.size() != 1 || out.size() != 1) {
                throw new IOException(file + " has " + in.size() + " inputs and " + out.size() + " outputs; a refiner has one image input and one image output");
            }
            this.inputName = in.keySet().iterator().next();
            TensorInfo inInfo = (TensorInfo) in.values().iterator().next().getInfo();
            long[] shape = inInfo.getShape();
            long[] outShape = ((TensorInfo) out.values().iterator().next().getInfo()).getShape();
            if (shape.length != 4 || shape[1] != 1 || shape[2] <= 0 || shape[3] <= 0) {
                throw new IOException(file + " takes input of shape " + Arrays.toString(shape) + "; a refiner takes [N, 1, height, width] grayscale images");
            }
            if (inInfo.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
                throw new IOException(file + " takes " + inInfo.type + " input; a refiner takes float32 images");
            }
            if (outShape.length != 4 || !fits(outShape[1], 1) || !fits(outShape[2], shape[2]) || !fits(outShape[3], shape[3])) {
                throw new IOException(file + " gives output of shape " + Arrays.toString(outShape) + "; a refiner returns images of its input's shape");
            }
            if (shape[0] > 0) batch = (int) shape[0];
            this.height = (int) shape[2];
            this.width = (int) shape[3];
            this.metadata = Collections.unmodifiableMap(probe.getMetadata().getCustomMetadata());
        } catch (OrtException e) {
            throw new EngineException("could not read " + file + ": " + e.getMessage(), e);
        } catch (EngineException e) {
            throw new IOException(file + " could not be loaded by ONNX Runtime: " + e.getMessage(), e);
        }
        this.fixedBatch = batch;
        this.session = new GraphSession("refiner " + file.getFileName(), engine, proto, store, true);
    }

    private static boolean fits(long dim, long want) {
        return dim < 0 || dim == want;
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
    /** One line for logs: the file, the package name when there is one, the image size and the steps trained. */
    public String describe() {
        String steps = metadata().get("simgan.trained_steps");
        return file() + " (" + (packageName() == null ? "" : "bioimage.io model '" + packageName() + "', ") + "images " + width() + "x" + height()
                + (steps == null ? "" : ", trained " + steps + " steps") + ")";
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** The bioimage.io package's name when the refiner was loaded from one, else null. */
    public String packageName() {
        return packageName;
    }

    /** How images of {@code bitDepth} are processed: the package's processing, or the refiner's own for that bit depth. */
    public PixelProcessing processing(int bitDepth) {
        if (packaged == null) return PixelProcessing.forImages(metadata, bitDepth);
        if (!packaged.accepts(bitDepth)) {
            throw new IllegalArgumentException("the bioimage.io model " + packageName + " takes " + packaged.inputType() + " images but these are "
                    + (bitDepth == 32 ? "32-bit float" : bitDepth + "-bit") + ": convert them first (in ImageJ: Image > Type)");
        }
        return packaged;
    }

    /**
     * Refined images, {@code batch} at a time (or the model's own batch size when it fixes one), with the source's
     * labels; the bit depth is the source's for a plain refiner, the one a package's output type gives for a package.
     */
    public EyeDataset refine(EyeDataset source, int batch, Listener listener) {
        if (source.width() != width || source.height() != height) {
            throw new IllegalArgumentException("the images are " + source.width() + "x" + source.height() + " but the refiner "
                    + file.getFileName() + " takes " + width + "x" + height + ": resize them first");
        }
        if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        PixelProcessing p = processing(source.bitDepth());
        int step = fixedBatch > 0 ? fixedBatch : batch;
        int size = width * height;
        float[][] out = new float[source.size()][];
        for (int from = 0; from < source.size(); from += step) {
            org.simgan.progress.Stopped.check(listener, "refining");
            int count = Math.min(step, source.size() - from);
            float[] in = new float[(fixedBatch > 0 ? fixedBatch : count) * size];
            for (int i = 0; i < count; i++) {
                float[] px = source.pixels(from + i);
                for (int j = 0; j < size; j++) {
                    if (!Float.isFinite(px[j])) {
                        throw new IllegalArgumentException("image " + (from + i) + " ('" + source.label(from + i).name() + "') has a NaN or infinite pixel");
                    }
                    in[i * size + j] = p.preprocess(px[j]);
                }
            }
            float[] y = session.run(Map.of(inputName, in)).values().iterator().next();
            if (y.length != in.length) {
                throw new IllegalStateException("the refiner " + file.getFileName() + " returned " + y.length + " values for " + in.length
                        + " input values: its output is not the size of its input");
            }
            for (int i = 0; i < count; i++) {
                float[] px = new float[size];
                for (int j = 0; j < size; j++) px[j] = p.postprocess(y[i * size + j]);
                out[from + i] = px;
            }
            listener.progress(from + count, source.size());
        }
        org.simgan.data.SliceLabel[] labels = source.labels().toArray(new org.simgan.data.SliceLabel[0]);
        return new EyeDataset(width, height, p.outputBitDepth(), out, labels);
    }

    /** The metadata key of the preprocessing the refiner applies inside its graph before its convolutions. */
    public static final String KEY_PREPROCESS = "simgan.train.preprocess";

    /** The in-graph preprocessing this refiner applies first ({@code none} or {@code equalize}), from its metadata. */
    public String preprocessing() {
        return metadata.getOrDefault(KEY_PREPROCESS, "none");
    }

    /**
     * The images as the refiner's convolutions receive them: {@code source} itself, or histogram-equalised when the
     * refiner equalises its input ({@link org.simgan.nn.Equalization}); in the source's pixel units. This is the
     * baseline a refined image is compared with for what the network itself changed.
     */
    public EyeDataset prepared(EyeDataset source, Engine engine) {
        if (!preprocessing().equals(org.simgan.nn.Equalization.NAME)) return source;
        PixelProcessing p = processing(source.bitDepth());
        org.simgan.graph.Graph g = new org.simgan.graph.Graph();
        g.output("prepared", org.simgan.nn.Equalization.apply(g.input("x", -1, 1, source.height(), source.width())));
        int size = width * height, chunk = 256;
        float[][] out = new float[source.size()][];
        try (TensorStore none = new TensorStore(); GraphSession eq = new GraphSession("equalize", engine, g, none, true)) {
            for (int from = 0; from < source.size(); from += chunk) {
                int count = Math.min(chunk, source.size() - from);
                float[] in = new float[count * size];
                for (int i = 0; i < count; i++) {
                    float[] px = source.pixels(from + i);
                    for (int j = 0; j < size; j++) in[i * size + j] = p.preprocess(px[j]);
                }
                float[] y = eq.run(Map.of("x", in)).get("prepared");
                for (int i = 0; i < count; i++) {
                    float[] px = new float[size];
                    for (int j = 0; j < size; j++) px[j] = p.postprocess(y[i * size + j]);
                    out[from + i] = px;
                }
            }
        }
        return new EyeDataset(width, height, p.outputBitDepth(), out, source.labels().toArray(new org.simgan.data.SliceLabel[0]));
    }

    @Override
    public void close() {
        session.close();
        store.close();
    }
}
