package org.simgan.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.simgan.data.Gaze;

/**
 * How close predicted gazes are to true ones: mean and median angular error in degrees and the share of images
 * within 5, 7 and 10 degrees.
 */
public record GazeAccuracy(int count, double meanDegrees, double medianDegrees, double within5, double within7, double within10) {

    /** Compares predictions with truths, pair by pair. */
    public static GazeAccuracy of(List<Gaze> predicted, List<Gaze> truth) {
        if (predicted.size() != truth.size()) throw new IllegalArgumentException(predicted.size() + " predictions for " + truth.size() + " labels");
        if (truth.isEmpty()) throw new IllegalArgumentException("no labelled images to measure gaze accuracy on");
        double[] e = new double[truth.size()];
        for (int i = 0; i < e.length; i++) e[i] = predicted.get(i).angleDegrees(truth.get(i));
        return ofErrors(e);
    }

    /** The accuracy of always predicting one gaze (the mean of {@code reference}, e.g. the training labels). */
    public static GazeAccuracy ofMeanGaze(List<Gaze> reference, List<Gaze> truth) {
        Gaze mean = mean(reference);
        return of(java.util.Collections.nCopies(truth.size(), mean), truth);
    }

    public static Gaze mean(List<Gaze> gazes) {
        double x = 0, y = 0, z = 0;
        for (Gaze g : gazes) {
            x += g.x();
            y += g.y();
            z += g.z();
        }
        return new Gaze(x, y, z);
    }

    static GazeAccuracy ofErrors(double[] errors) {
        double[] s = errors.clone();
        Arrays.sort(s);
        int n = s.length;
        double mean = Arrays.stream(s).average().orElseThrow();
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new GazeAccuracy(n, mean, median, share(s, 5), share(s, 7), share(s, 10));
    }

    private static double share(double[] sorted, double d) {
        int k = 0;
        while (k < sorted.length && sorted[k] <= d) k++;
        return (double) k / sorted.length;
    }

    public String describe() {
        return String.format(Locale.ROOT, "mean %.2f deg, median %.2f deg, within 5/7/10 deg: %.1f%% / %.1f%% / %.1f%% (%d images)",
                meanDegrees, medianDegrees, 100 * within5, 100 * within7, 100 * within10, count);
    }
}
