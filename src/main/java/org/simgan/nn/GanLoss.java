package org.simgan.nn;

import java.util.Locale;
import org.simgan.graph.Value;

/** The adversarial loss of each local patch: the paper's cross-entropy, or least squares. */
public enum GanLoss {
    /** Softmax cross-entropy of the two patch logits (Shrivastava et al. 2017). */
    CE,
    /** Least squares on the score logit(refined) - logit(real) (Mao et al. 2017): gradients that do not vanish. */
    LS;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GanLoss parse(String text) {
        for (GanLoss l : values()) {
            if (l.word().equals(text.trim().toLowerCase(Locale.ROOT))) return l;
        }
        throw new IllegalArgumentException("unknown adversarial loss '" + text + "'; use ce (cross-entropy, the paper) or ls (least squares)");
    }

    /** The mean loss of every patch of {@code logits} [N, 2, h, w] for target class {@code label}. */
    public Value patches(Value logits, int label) {
        return this == CE ? Losses.patchCrossEntropy(logits, label) : Losses.patchLeastSquares(logits, label);
    }
}
