package org.simgan.eval;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.Normalization;
import org.simgan.nn.ModelExport;
import org.simgan.progress.Listener;
import org.simgan.refine.ImageModel;
import org.simgan.runtime.Engine;
import org.simgan.runtime.EngineException;

/**
 * A gaze estimator as a standalone ONNX model ({@link ModelExport}: input {@code image} [N, 1, H, W] in [-1, 1],
 * output {@code gaze} [N, 3]), run as an {@link ImageModel}. Images are scaled to [-1, 1] by their bit depth
 * ({@link Normalization}); the output vector is normalised to a unit look vector. The same class runs a just-trained
 * estimator and one loaded from a file, so evaluation and {@code gaze predict} use one code path.
 */
public final class GazeModel implements AutoCloseable {
    private final ImageModel model;

    public GazeModel(ModelProto proto, Engine engine) {
        List<ImageModel.Port> in = ImageModel.inputs(proto), out = ImageModel.outputs(proto);
        if (in.size() != 1 || out.size() != 1) {
            throw new IllegalArgumentException("a gaze estimator has one image input and one output; this model has "
                    + in.size() + " inputs and " + out.size() + " outputs");
        }
        long[] dims = in.get(0).shape(), outDims = out.get(0).shape();
        if (dims.length != 4 || dims[1] != 1 || dims[2] <= 0 || dims[3] <= 0 || outDims.length != 2 || outDims[1] != 3) {
            throw new IllegalArgumentException("a gaze estimator takes [N, 1, H, W] images and gives [N, 3] gaze vectors; this model does not");
        }
        this.model = new ImageModel("gaze estimator", proto, engine);
    }

    /** Loads an estimator written by {@link #save} ({@code gaze train}). */
    public static GazeModel load(Path file, Engine engine) throws IOException {
        ModelProto proto = ImageModel.read(file, "no gaze estimator at " + file + ": give the .onnx file 'gaze train' wrote",
                "give the .onnx file 'gaze train' wrote");
        try {
            return new GazeModel(proto, engine);
        } catch (IllegalArgumentException | EngineException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public int height() {
        return model.height();
    }

    public int width() {
        return model.width();
    }

    public Map<String, String> metadata() {
        return model.metadata();
    }

    public ModelProto proto() {
        return model.proto();
    }

    /** Writes the model atomically. */
    public void save(Path file) throws IOException {
        ModelExport.save(model.proto(), file);
    }

    /** The predicted gaze of every image, {@code batch} images per run. */
    public List<Gaze> predict(EyeDataset ds, int batch, Listener listener) {
        return predict(ds, ImageModel.all(ds.size()), batch, listener);
    }

    /** The predicted gaze of images {@code idx} of {@code ds}, in that order. */
    public List<Gaze> predict(EyeDataset ds, int[] idx, int batch, Listener listener) {
        model.requireSize(ds, "the gaze estimator");
        List<Gaze> out = new ArrayList<>(idx.length);
        Normalization n = Normalization.forBitDepth(ds.bitDepth());
        model.run(ds, idx, batch, n::toModel, "the images to predict the gaze of", "gaze prediction", listener, (from, count, y) -> {
            for (int i = 0; i < count; i++) out.add(toGaze(y[3 * i], y[3 * i + 1], y[3 * i + 2]));
        });
        return out;
    }

    private static Gaze toGaze(float x, float y, float z) {
        double n = Math.sqrt((double) x * x + (double) y * y + (double) z * z);
        if (!(n > 1e-12) || !Double.isFinite(n)) return new Gaze(0, 0, -1); // degenerate output: straight at the camera
        return new Gaze(x, y, z).unit(); // slice labels hold unit look vectors (4 decimals of a short raw output lose the angle)
    }

    @Override
    public void close() {
        model.close();
    }
}
