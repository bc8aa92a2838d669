package org.simgan.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.progress.Listener;
import org.simgan.refine.ImageModel;
import org.simgan.runtime.Engine;

/**
 * Does refining help the job SimGAN exists for? The paper's experiment (Shrivastava et al. 2017, table 2 and
 * figure 7): the same gaze estimator, with the same seed, steps and network, is trained once on the synthetic
 * images and once on their refined versions (with the synthetic images' labels), and both are tested on labelled
 * images of the domain the refiner learned, the target. For a refiner that preprocesses its input (equalisation),
 * a third estimator trained on the synthetic images after that preprocessing alone shows how much of the change
 * the network itself makes. Each is reported as its mean angular error on the target with a 95% bootstrap
 * interval, the share within 7 degrees, and the share within d degrees for every whole d.
 */
public final class GazeTransfer {
    /** The curve's largest angle in the plot (the paper's figure goes to 25 degrees); the figures go to 180. */
    public static final int PLOT_DEGREES = 25;
    static final int BOOTSTRAP = 1000;

    private GazeTransfer() {
    }

    /** One estimator on the target: every image's error and the figures made from them. */
    public record Row(String trainedOn, int trainImages, GazeAccuracy accuracy, double meanLow, double meanHigh, double[] errors) {

        /** The share of target images whose error is at most {@code degrees}. */
        public double shareWithin(double degrees) {
            int k = 0;
            for (double e : errors) if (e <= degrees) k++;
            return (double) k / errors.length;
        }

        /** Shares within 0, 1, ..., {@code maxDegrees} degrees. */
        public double[] curve(int maxDegrees) {
            double[] c = new double[maxDegrees + 1];
            for (int d = 0; d <= maxDegrees; d++) c[d] = shareWithin(d);
            return c;
        }

        public String describe() {
            return String.format(Locale.ROOT, "trained on %s (%d images): mean error on the target %.2f deg [%.2f, %.2f], within 7 deg %.1f%%",
                    trainedOn, trainImages, accuracy.meanDegrees(), meanLow, meanHigh, 100 * accuracy.within7());
        }
    }

    /** The rows (synthetic, prepared when it differs, refined) and the target's size. */
    public record Result(Row synthetic, Row prepared, Row refined, int targetImages) {

        public List<Row> rows() {
            List<Row> rows = new ArrayList<>(List.of(synthetic));
            if (prepared != null) rows.add(prepared);
            rows.add(refined);
            return rows;
        }

        /** Refined-trained mean error over synthetic-trained: below 1 means refining helped. */
        public double ratio() {
            return refined.accuracy().meanDegrees() / synthetic.accuracy().meanDegrees();
        }

        /** True when the two 95% intervals of the mean error do not overlap. */
        public boolean intervalsApart() {
            return refined.meanHigh() < synthetic.meanLow() || synthetic.meanHigh() < refined.meanLow();
        }

        public String describe() {
            return String.format(Locale.ROOT, "gaze transfer to the target (%d images): synthetic-trained %.2f deg, refined-trained %.2f deg, ratio %.3f%s",
                    targetImages, synthetic.accuracy().meanDegrees(), refined.accuracy().meanDegrees(), ratio(),
                    intervalsApart() ? " (95% intervals apart)" : " (95% intervals overlap)");
        }
    }

    /**
     * @param synthetic labelled synthetic images
     * @param prepared  the synthetic images after the refiner's fixed preprocessing, or {@code synthetic} itself
     * @param refined   the refined versions of {@code synthetic}, image for image
     * @param target    labelled images of the target domain
     */
    public static Result run(EyeDataset synthetic, EyeDataset prepared, EyeDataset refined, EyeDataset target, GazeTraining.Settings s,
                             Engine engine, Listener listener) {
        checkInputs(synthetic, target);
        Images.checkSameSize(synthetic, "synthetic", refined, "refined");
        if (refined.size() != synthetic.size() || prepared.size() != synthetic.size()) {
            throw new IllegalArgumentException("synthetic and refined images must pair up");
        }
        List<Gaze> truth = GazeTraining.labels(target, ImageModel.all(target.size()));
        Row syn = row("synthetic", synthetic, target, truth, s, engine, listener);
        Row pre = prepared == synthetic ? null : row("prepared synthetic", prepared, target, truth, s, engine, listener);
        Row ref = row("refined", withLabels(refined, synthetic), target, truth, s, engine, listener);
        Result r = new Result(syn, pre, ref, target.size());
        listener.log(r.describe());
        return r;
    }

    /** Refuses, before any work, a target or synthetic set that cannot take part: unlabelled, another size, NaN pixels. */
    public static void checkInputs(EyeDataset synthetic, EyeDataset target) {
        Images.checkSameSize(synthetic, "synthetic", target, "target");
        requireLabelled(target, "target", "the target images need measured gaze labels to test the estimators on");
        requireLabelled(synthetic, "synthetic", "the estimators train on the synthetic images' labels");
        for (int i = 0; i < target.size(); i++) target.requireFinite("the target images", i);
    }

    private static void requireLabelled(EyeDataset ds, String what, String why) {
        for (int i = 0; i < ds.size(); i++) {
            if (!ds.label(i).hasGaze()) {
                throw new IllegalArgumentException("the " + what + " image '" + ds.label(i).name() + "' (number " + i + ") has no gaze label: " + why
                        + " (slice labels with a gaze= line, a CSV of labels, or an HDF5 look_vec)");
            }
        }
        if (ds.size() == 0) throw new IllegalArgumentException("no " + what + " images");
    }

    /** The refined images with the synthetic images' labels (the refiner keeps them; this makes sure). */
    private static EyeDataset withLabels(EyeDataset refined, EyeDataset labelled) {
        return refined.withLabels(labelled.labels().toArray(new org.simgan.data.SliceLabel[0]));
    }

    private static Row row(String name, EyeDataset train, EyeDataset target, List<Gaze> truth, GazeTraining.Settings s, Engine engine, Listener listener) {
        listener.log("gaze estimator trained on the " + name + " images, tested on the target");
        GazeTraining.Trained t = GazeTraining.train(train, s, name, engine, listener);
        double[] errors;
        try (GazeModel m = t.model()) {
            List<Gaze> predicted = m.predict(target, ImageModel.all(target.size()), 256, Listener.NONE);
            errors = new double[truth.size()];
            for (int i = 0; i < errors.length; i++) errors[i] = predicted.get(i).angleDegrees(truth.get(i));
        }
        double[] ci = bootstrapMean(errors, s.seed());
        Row r = new Row(name, t.images(), GazeAccuracy.ofErrors(errors), ci[0], ci[1], errors);
        listener.log(r.describe());
        return r;
    }

    /** 95% percentile bootstrap interval of the mean of {@code v}. */
    static double[] bootstrapMean(double[] v, long seed) {
        SplittableRandom r = new SplittableRandom(C2st.mix(seed, 31));
        double[] means = new double[BOOTSTRAP];
        for (int b = 0; b < BOOTSTRAP; b++) {
            double sum = 0;
            for (int i = 0; i < v.length; i++) sum += v[r.nextInt(v.length)];
            means[b] = sum / v.length;
        }
        Arrays.sort(means);
        return new double[] {means[(int) Math.floor(0.025 * (BOOTSTRAP - 1))], means[(int) Math.ceil(0.975 * (BOOTSTRAP - 1))]};
    }
}
