package org.simgan.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.progress.Listener;
import org.simgan.runtime.Engine;

/**
 * What refinement costs the labels: a gaze estimator is trained on labelled synthetic images, then measured on
 * held-out synthetic images and on the refined versions of the same images with the same labels. The difference of
 * the mean angular errors is the label cost (0 for a refiner that changes nothing). The error of always predicting
 * the training set's mean gaze is given for scale.
 */
public final class LabelPreservation {
    private LabelPreservation() {
    }

    public record Result(int trainImages, int testImages, GazeAccuracy synthetic, GazeAccuracy refined, GazeAccuracy meanGazeBaseline,
                         double trainSeconds, double finalLoss) {

        /** Mean angular error on refined minus on synthetic, degrees. */
        public double labelCostDegrees() {
            return refined.meanDegrees() - synthetic.meanDegrees();
        }

        public String describe() {
            return String.format(Locale.ROOT, "gaze error on held-out synthetic %.2f deg, on their refined versions %.2f deg (label cost %+.2f deg); "
                    + "mean-gaze baseline %.2f deg; trained on %d, tested on %d", synthetic.meanDegrees(), refined.meanDegrees(), labelCostDegrees(),
                    meanGazeBaseline.meanDegrees(), trainImages, testImages);
        }
    }

    /**
     * @param synthetic labelled synthetic images
     * @param refined   their refined versions, image for image
     * @param heldOut   share of the images kept for testing
     */
    public static Result run(EyeDataset synthetic, EyeDataset refined, GazeTraining.Settings s, double heldOut, Engine engine, Listener listener) {
        if (refined.size() != synthetic.size()) {
            throw new IllegalArgumentException(refined.size() + " refined images for " + synthetic.size() + " synthetic ones: they must pair up");
        }
        Images.checkSameSize(synthetic, "synthetic", refined, "refined");
        if (!synthetic.allLabelled()) throw new IllegalArgumentException("label preservation needs a gaze label on every synthetic image");
        if (!(heldOut > 0 && heldOut < 1)) throw new IllegalArgumentException("the held-out share must be between 0 and 1, got " + heldOut);
        if (synthetic.size() < 2) throw new IllegalArgumentException("label preservation needs at least 2 labelled synthetic images");
        GazeTraining.Split split = GazeTraining.split(synthetic.size(), heldOut, s.seed());
        int[] trainIdx = split.train(), testIdx = split.test();
        GazeTraining.Trained t = GazeTraining.train(synthetic, trainIdx, s, "synthetic", engine, listener);
        try (GazeModel m = t.model()) {
            List<Gaze> truth = GazeTraining.labels(synthetic, testIdx);
            GazeAccuracy onSynthetic = GazeAccuracy.of(m.predict(synthetic, testIdx, 256, Listener.NONE), truth);
            GazeAccuracy onRefined = GazeAccuracy.of(m.predict(refined, testIdx, 256, Listener.NONE), truth);
            GazeAccuracy baseline = GazeAccuracy.ofMeanGaze(GazeTraining.labels(synthetic, trainIdx), truth);
            Result r = new Result(trainIdx.length, testIdx.length, onSynthetic, onRefined, baseline, t.seconds(), t.finalLoss());
            listener.log(r.describe());
            return r;
        }
    }

    /** Mean absolute pixel change |R(x) - x| over all images, in the images' own intensity units. */
    public static double meanAbsoluteChange(EyeDataset synthetic, EyeDataset refined) {
        Images.checkSameSize(synthetic, "synthetic", refined, "refined");
        if (refined.size() != synthetic.size()) throw new IllegalArgumentException("synthetic and refined images must pair up");
        double sum = 0;
        long count = 0;
        for (int i = 0; i < synthetic.size(); i++) {
            float[] a = synthetic.pixels(i), b = refined.pixels(i);
            for (int j = 0; j < a.length; j++) sum += Math.abs(b[j] - a[j]);
            count += a.length;
        }
        return count == 0 ? 0 : sum / count;
    }
}
