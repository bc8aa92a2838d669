package org.simgan.nn;

import org.simgan.graph.Graph;
import org.simgan.graph.Value;

/** The losses SimGAN trains with, each a scalar tensor. */
public final class Losses {
    private Losses() {
    }

    /**
     * Cross-entropy of the 2-way softmax at every local patch, all patches labelled {@code label}, averaged over
     * the batch and the patches. The class axis is the channel axis (1); positions are never mixed with classes.
     */
    public static Value patchCrossEntropy(Value logits, int label) {
        Graph g = logits.graph();
        long classes = logits.dim(1);
        float[] onehot = new float[(int) classes];
        onehot[label] = 1;
        Value mask = g.constant("label_" + label, onehot, 1, classes, 1, 1);
        long patches = logits.dim(0) * logits.dim(2) * logits.dim(3);
        return g.logSoftmax(logits, 1).mul(mask).sumAll().mul(-1.0 / patches);
    }

    /**
     * Least-squares GAN loss (Mao et al. 2017) per local patch: with the score s = logit(refined) - logit(real), the
     * mean of (s - t)^2 / 2 over the batch and the patches, t = +1 for {@code label} "refined", -1 for "real".
     */
    public static Value patchLeastSquares(Value logits, int label) {
        Graph g = logits.graph();
        Value score = g.slice(logits, 1, 1, 2).sub(g.slice(logits, 1, 0, 1));
        double target = label == 1 ? 1 : -1;
        long patches = logits.dim(0) * logits.dim(2) * logits.dim(3);
        return score.add(-target).square().sumAll().mul(0.5 / patches);
    }

    /** Per-image L1 distance (sum of absolute differences), averaged over the batch. */
    public static Value l1(Value a, Value b) {
        return a.sub(b).abs().sumAll().mul(1.0 / a.dim(0));
    }

    /** Per-sample squared error summed over the last axis, averaged over the batch. */
    public static Value squaredError(Value prediction, Value target) {
        return prediction.sub(target).square().sumAll().mul(1.0 / prediction.dim(0));
    }

    /**
     * Softmax cross-entropy of {@code logits} [N, C] against one-hot (or soft) {@code targets} [N, C], averaged over
     * the batch.
     */
    public static Value softmaxCrossEntropy(Value logits, Value targets) {
        Graph g = logits.graph();
        return g.logSoftmax(logits, 1).mul(targets).sumAll().mul(-1.0 / logits.dim(0));
    }
}
