package org.simgan.eval;

import java.util.Arrays;

/**
 * Scores of a binary classifier on two groups (negatives: real images, positives: candidate images), and what they
 * say: accuracy at threshold 0, ROC AUC (the Mann-Whitney statistic, ties counted half) and the ROC curve.
 */
public final class Roc {
    private Roc() {
    }

    /** Share correctly classified at threshold 0 (score > 0 means "positive"), over both groups together. */
    public static double accuracy(float[] negatives, float[] positives) {
        long right = 0;
        for (float s : negatives) if (!(s > 0)) right++;
        for (float s : positives) if (s > 0) right++;
        return (double) right / (negatives.length + positives.length);
    }

    /** The probability that a random positive scores above a random negative (ties count half). */
    public static double auc(float[] negatives, float[] positives) {
        if (negatives.length == 0 || positives.length == 0) throw new IllegalArgumentException("AUC needs scores of both groups");
        Pooled p = new Pooled(negatives, positives, false);
        int n = p.all.length;
        float[] all = p.all;
        boolean[] pos = p.positive;
        Integer[] order = p.order;
        // rank sum of the positives with average ranks for ties
        double rankSum = 0;
        for (int i = 0; i < n;) {
            int j = i;
            while (j + 1 < n && all[order[j + 1]] == all[order[i]]) j++;
            double avgRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) if (pos[order[k]]) rankSum += avgRank;
            i = j + 1;
        }
        double np = positives.length, nn = negatives.length;
        return (rankSum - np * (np + 1) / 2) / (np * nn);
    }

    /**
     * The ROC curve: points (false positive rate, true positive rate) from (0,0) to (1,1), one per distinct
     * threshold, as {@code [2][points]}.
     */
    public static double[][] curve(float[] negatives, float[] positives) {
        Pooled p = new Pooled(negatives, positives, true);
        int n = p.all.length;
        float[] all = p.all;
        boolean[] pos = p.positive;
        Integer[] order = p.order;
        double[] fpr = new double[n + 1], tpr = new double[n + 1];
        int points = 1, tp = 0, fp = 0;
        for (int i = 0; i < n;) {
            int j = i;
            while (j < n && all[order[j]] == all[order[i]]) {
                if (pos[order[j]]) tp++;
                else fp++;
                j++;
            }
            fpr[points] = (double) fp / negatives.length;
            tpr[points] = (double) tp / positives.length;
            points++;
            i = j;
        }
        return new double[][] {Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points)};
    }

    /** Both groups' scores in one array, which are positives, and their order by score. */
    private static final class Pooled {
        final float[] all;
        final boolean[] positive;
        final Integer[] order;

        Pooled(float[] negatives, float[] positives, boolean highestFirst) {
            int n = negatives.length + positives.length;
            all = new float[n];
            positive = new boolean[n];
            order = new Integer[n];
            System.arraycopy(negatives, 0, all, 0, negatives.length);
            System.arraycopy(positives, 0, all, negatives.length, positives.length);
            for (int i = negatives.length; i < n; i++) positive[i] = true;
            for (int i = 0; i < n; i++) order[i] = i;
            Arrays.sort(order, highestFirst ? (a, b) -> Float.compare(all[b], all[a]) : (a, b) -> Float.compare(all[a], all[b]));
        }
    }
}
