package org.simgan.nn;

import java.util.Locale;
import org.simgan.graph.Value;

/**
 * The distance the refiner's self-regularisation term {@code lambda * dist(R(x), x)} keeps it close to its input
 * with: the paper's L1, or L2. Summed over each image's pixels and averaged over the batch.
 *
 * <p>L1 costs every grey level of change the same wherever it goes, so a few large changes (a painted glint, a white
 * patch) cost no more than the same total spread thinly; L2 makes large, sparse changes dear and small, dense ones
 * (texture, sharper edges) cheap.
 */
public enum SelfRegularization {
    /** Sum of absolute differences (Shrivastava et al. 2017). */
    L1,
    /** Sum of squared differences. */
    L2;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SelfRegularization parse(String text) {
        for (SelfRegularization r : values()) {
            if (r.word().equals(text.trim().toLowerCase(Locale.ROOT))) return r;
        }
        throw new IllegalArgumentException("unknown self-regularisation '" + text + "'; use l1 (the paper) or l2");
    }

    /** The distance of {@code refined} from {@code input} ([N, 1, H, W] each): per-image sum, batch mean. */
    public Value distance(Value refined, Value input) {
        return this == L1 ? Losses.l1(refined, input) : Losses.squaredError(refined, input);
    }
}
