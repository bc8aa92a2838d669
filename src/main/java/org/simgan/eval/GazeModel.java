package org.simgan.eval;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.nn.ModelExport;
import org.simgan.progress.Listener;
import org.simgan.runtime.Engine;
import org.simgan.runtime.EngineException;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;

/**
 * A gaze estimator as a standalone ONNX model ({@link ModelExport}: input {@code image} [N, 1, H, W] in [-1, 1],
 * output {@code gaze} [N, 3]), open in ONNX Runtime. Images are scaled to [-1, 1] by their bit depth; the output
 * vector is normalised to a unit look vector. The same class runs a just-trained estimator and one loaded from
 * a file, so evaluation and {@code gaze predict} use one code path.
 */
public final class GazeModel implements AutoCloseable {
    private final ModelProto proto;
    private final GraphSession session;
    private final TensorStore store = new TensorStore();
    private final int height, width;
    private final Map<String, String> metadata;

    public GazeModel(ModelProto proto, Engine engine) {
        this.proto = proto;
        Map<String, String> meta = new LinkedHashMap<>();
        for (StringStringEntryProto e : proto.getMetadataPropsList()) meta.put(e.getKey(), e.getValue());
        this.metadata = Collections.unmodifiableMap(meta);
        if (proto.getGraph().getInputCount() != 1 || proto.getGraph().getOutputCount() != 1) {
            throw new IllegalArgumentException("a gaze estimator has one image input and one output; this model has "
                    + proto.getGraph().getInputCount() + " inputs and " + proto.getGraph().getOutputCount() + " outputs");
        }
        var dims = proto.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();
        var outDims = proto.getGraph().getOutput(0).getType().getTensorType().getShape().getDimList();
        if (dims.size() != 4 || dims.get(1).getDimValue() != 1 || outDims.size() != 2 || outDims.get(1).getDimValue() != 3) {
            throw new IllegalArgumentException("a gaze estimator takes [N, 1, H, W] images and gives [N, 3] gaze vectors; this model does not");
        }
        this.height = (int) dims.get(2).getDimValue();
        this.width = (int) dims.get(3).getDimValue();
        this.session = new GraphSession("gaze estimator", engine, proto, store, true);
    }

    /** Loads an estimator written by {@link #save} ({@code gaze train}). */
    public static GazeModel load(Path file, Engine engine) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("no gaze estimator at " + file + ": give the .onnx file 'gaze train' wrote");
        }
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
            if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0) throw new IOException("it holds no graph");
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not an ONNX model (" + e.getMessage() + "): give the .onnx file 'gaze train' wrote");
        }
        try {
            return new GazeModel(proto, engine);
        } catch (IllegalArgumentException | EngineException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public ModelProto proto() {
        return proto;
    }

    /** Writes the model atomically. */
    public void save(Path file) throws IOException {
        ModelExport.save(proto, file);
    }

    /** The predicted gaze of every image, {@code batch} images per run. */
    public List<Gaze> predict(EyeDataset ds, int batch, Listener listener) {
        return predict(ds, Images.range(ds.size()), batch, listener);
    }

    /** The predicted gaze of images {@code idx} of {@code ds}, in that order. */
    public List<Gaze> predict(EyeDataset ds, int[] idx, int batch, Listener listener) {
        if (ds.width() != width || ds.height() != height) {
            throw new IllegalArgumentException("the images are " + ds.width() + "x" + ds.height() + " but the gaze estimator takes "
                    + width + "x" + height + ": resize them first");
        }
        if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        for (int i : idx) ds.requireFinite("the images to predict the gaze of", i);
        List<Gaze> out = new ArrayList<>(idx.length);
        for (int from = 0; from < idx.length; from += batch) {
            org.simgan.progress.Stopped.check(listener, "gaze prediction");
            int count = Math.min(batch, idx.length - from);
            float[] y = session.run(Map.of(ModelExport.INPUT, Images.batch(ds, idx, from, count))).values().iterator().next();
            for (int i = 0; i < count; i++) out.add(toGaze(y[3 * i], y[3 * i + 1], y[3 * i + 2]));
            listener.progress(from + count, idx.length);
        }
        return out;
    }

    private static Gaze toGaze(float x, float y, float z) {
        double n = Math.sqrt((double) x * x + (double) y * y + (double) z * z);
        if (!(n > 1e-12) || !Double.isFinite(n)) return new Gaze(0, 0, -1); // degenerate output: straight at the camera
        return new Gaze(x, y, z).unit(); // slice labels hold unit look vectors (4 decimals of a short raw output lose the angle)
    }

    @Override
    public void close() {
        session.close();
        store.close();
    }
}
