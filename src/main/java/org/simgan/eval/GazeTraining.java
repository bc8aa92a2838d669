package org.simgan.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.Normalization;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;
import org.simgan.nn.GazeEstimator;
import org.simgan.nn.Losses;
import org.simgan.nn.ModelExport;
import org.simgan.nn.ParamBinder;
import org.simgan.nn.ParamSet;
import org.simgan.optim.Adam;
import org.simgan.optim.TrainStep;
import org.simgan.progress.Listener;
import org.simgan.refine.ImageModel;
import org.simgan.runtime.Engine;
import org.simgan.runtime.TensorStore;
import org.simgan.settings.SettingsSchema;

/**
 * Trains the SimGAN paper's gaze estimator ({@link GazeEstimator}) through the engine: regression of the 3-D unit
 * look vector with the squared error, Adam, random batches drawn with a seed. The result is a {@link GazeModel}
 * whose ONNX metadata says what it is and how it was trained.
 */
public final class GazeTraining {
    private GazeTraining() {
    }

    public static final String KEY_SETTINGS = "simgan.gaze.settings", KEY_TRAINED_ON = "simgan.gaze.trained_on";

    /**
     * How the estimator is trained, described once by {@link #SCHEMA}.
     *
     * @param scale divides every width of the paper's network (1 = the paper's; 4 is the CPU default)
     */
    public record Settings(int scale, int steps, int batch, double lr, long seed) {
        public Settings {
            if (scale < 1) throw new IllegalArgumentException("the width divisor (scale) must be at least 1, got " + scale);
            if (steps < 1) throw new IllegalArgumentException("the gaze estimator needs at least one training step, got " + steps);
            if (batch < 1) throw new IllegalArgumentException("the batch must be at least 1, got " + batch);
            if (!(lr > 0)) throw new IllegalArgumentException("the learning rate must be positive, got " + lr);
        }

        /** The one description of every setting of the training, in the record's order. */
        public static final SettingsSchema<Settings> SCHEMA = SettingsSchema.of(Settings.class)
                .integer("scale", "divide the gaze estimator's widths by N (1 = the paper's)")
                .integer("steps", "gaze estimator training steps")
                .integer("batch", "images per training step")
                .number("lr", "the gaze estimator's learning rate (Adam)")
                .longInteger("seed", "seeds the weights, the batches and the held-out split")
                .build();

        /**
         * Widths / 4, 1000 Adam steps (lr 0.001) of 32 images, seed 1: about 65 ms a step, a little over a minute, on
         * two CPU cores at 55x35 (the paper's widths, scale 1, take about 0.75 s a step there).
         */
        public static Settings defaults() {
            return new Settings(4, 1000, 32, 1e-3, 1);
        }

        /** {@code scale=4 steps=1000 batch=32 lr=0.001 seed=1}: the settings by their names, for logs and the model's metadata. */
        public String describe() {
            return SCHEMA.describe(this);
        }

        Adam optimizer() {
            return new Adam(lr);
        }

        /** The settings by their keys ({@link #SCHEMA}). */
        public Map<String, String> toMap() {
            return SCHEMA.toMap(this);
        }
    }

    /** Which images train the estimator and which are held out to test it. */
    public record Split(int[] train, int[] test) {
    }

    /**
     * A seeded random split of {@code n} images with {@code heldOut} of them (a share, 0 for none) held out; the
     * same for every run with this seed, so `gaze train` and `evaluate` hold out the same images.
     */
    public static Split split(int n, double heldOut, long seed) {
        if (!(heldOut >= 0 && heldOut < 1)) throw new IllegalArgumentException("the held-out share must be from 0 to below 1, got " + heldOut);
        int test = heldOut == 0 ? 0 : Math.max(1, Math.min(n - 1, (int) Math.round(n * heldOut)));
        if (n - test < 1) throw new IllegalArgumentException("too few images (" + n + ") to train with " + test + " held out");
        int[] perm = Images.permutation(n, C2st.mix(seed, 13));
        return new Split(java.util.Arrays.copyOfRange(perm, test, n), java.util.Arrays.copyOf(perm, test));
    }

    /** A trained estimator and the loss of its last step (squared error of the standardised look vector). */
    public record Trained(GazeModel model, GazeEstimator network, int images, double finalLoss, double seconds) {
    }

    /** Trains on every image of {@code labelled}. */
    public static Trained train(EyeDataset labelled, Settings s, String trainedOn, Engine engine, Listener listener) {
        return train(labelled, ImageModel.all(labelled.size()), s, trainedOn, engine, listener);
    }

    /** Trains on images {@code idx} of {@code labelled} (all must carry a gaze). */
    public static Trained train(EyeDataset labelled, int[] idx, Settings s, String trainedOn, Engine engine, Listener listener) {
        if (idx.length == 0) throw new IllegalArgumentException("no images to train the gaze estimator on");
        for (int i : idx) {
            labelled.requireFinite("the gaze estimator's training images", i);
            if (!labelled.label(i).hasGaze()) {
                throw new IllegalArgumentException("image '" + labelled.label(i).name() + "' (number " + i + ") has no gaze label; "
                        + "the gaze estimator trains on labelled images only (slice labels with a gaze= line, a CSV or an HDF5 look_vec)");
            }
        }
        long t0 = System.nanoTime();
        // The look vectors of eye images differ little (z is near -1 for all, x and y span a few tenths), so the
        // network regresses them standardised per component; otherwise its first hundreds of steps only learn the
        // mean gaze and a short run can stop there. The exported output layer undoes the standardisation.
        double[] mean = new double[3], sd = new double[3];
        for (int i : idx) {
            Gaze g = labelled.label(i).gaze();
            double[] v = {g.x(), g.y(), g.z()};
            for (int c = 0; c < 3; c++) {
                mean[c] += v[c] / idx.length;
                sd[c] += v[c] * v[c] / idx.length;
            }
        }
        for (int c = 0; c < 3; c++) sd[c] = Math.max(1e-3, Math.sqrt(Math.max(0, sd[c] - mean[c] * mean[c])));
        GazeEstimator net = new GazeEstimator(labelled.height(), labelled.width(), s.scale());
        SplittableRandom draw = new SplittableRandom(C2st.mix(s.seed(), 11));
        ParamSet trained = new ParamSet();
        Normalization pixels = Normalization.forBitDepth(labelled.bitDepth());
        int[] pick = new int[s.batch()];
        double loss;
        try (TensorStore store = new TensorStore()) {
            loss = Fit.run("gaze-train", net, C2st.mix(s.seed(), 12), spec(net, s), store, s.steps(), s.batch(), 3, (it, x, target) -> {
                for (int i = 0; i < s.batch(); i++) {
                    pick[i] = idx[draw.nextInt(idx.length)];
                    Gaze g = labelled.label(pick[i]).gaze();
                    target[3 * i] = (float) ((g.x() - mean[0]) / sd[0]);
                    target[3 * i + 1] = (float) ((g.y() - mean[1]) / sd[1]);
                    target[3 * i + 2] = (float) ((g.z() - mean[2]) / sd[2]);
                }
                ImageModel.batch(labelled, pick, 0, s.batch(), pixels::toModel, "the gaze estimator's training images", x, 0);
            }, engine, "gaze estimator training", listener, (it, l) -> {
                listener.progress(it + 1, s.steps());
                if ((it + 1) % Math.max(1, s.steps() / 5) == 0) {
                    listener.log(String.format(Locale.ROOT, "gaze estimator step %d/%d: squared error %.4f (standardised look vector)", it + 1, s.steps(), l));
                }
            });
            for (String n : net.specs().keySet()) trained.put(n, store.shape(n), store.get(n));
            unstandardise(trained, mean, sd);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(ModelExport.KEY_NORMALIZATION, Normalization.forBitDepth(labelled.bitDepth()).describe());
        meta.put(KEY_SETTINGS, s.describe());
        meta.put(KEY_TRAINED_ON, trainedOn + " (" + idx.length + " images)");
        meta.put("simgan.gaze.output", "3-D look vector in camera coordinates (x right, y up, z away from the camera); normalise it");
        GazeModel model = new GazeModel(ModelExport.model(net, trained, meta), engine);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Trained(model, net, idx.length, loss, seconds);
    }

    /** Folds {@code out = mean + sd * raw} into the output layer, so the exported network predicts look vectors. */
    private static void unstandardise(ParamSet p, double[] mean, double[] sd) {
        ParamSet.Tensor w = p.get("G.out.w"), b = p.get("G.out.b");
        int outs = (int) w.shape()[1];
        for (int i = 0; i < w.data().length; i++) w.data()[i] *= (float) sd[i % outs];
        for (int c = 0; c < outs; c++) b.data()[c] = (float) (mean[c] + sd[c] * b.data()[c]);
    }

    private static TrainStep.Spec spec(GazeEstimator net, Settings s) {
        Graph g = new Graph();
        Value x = g.input("x", s.batch(), 1, net.height(), net.width());
        Value t = g.input("t", s.batch(), 3);
        ParamBinder p = ParamBinder.asInputs();
        Value loss = Losses.squaredError(net.forward(p, x), t);
        return TrainStep.build(g, loss, "loss", p.inputs(g), s.optimizer(), "G.");
    }

    /** The gazes of images {@code idx} (all labelled). */
    static List<Gaze> labels(EyeDataset ds, int[] idx) {
        List<Gaze> out = new java.util.ArrayList<>(idx.length);
        for (int i : idx) out.add(ds.label(i).gaze());
        return out;
    }
}
