package org.simgan.nn;

import java.util.Locale;
import org.simgan.graph.Graph;
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

    /**
     * The distance of the two images after a Gaussian blur of {@code blurSigma} pixels ({@code 0}: pixel by pixel, as
     * {@link #distance(Value, Value)}). Both images are blurred with the same kernel (the same as blurring the change
     * {@code R(x) - x}, as the blur is linear), zero beyond the border; the kernel sums to 1, so a change that is uniform over the blur's width costs
     * what it costs unblurred: the coarse layout (where the pupil, iris and lids are, which the label depends on) keeps
     * its price and changes finer than the blur (texture, thin lines, sharper edges) cost little.
     */
    public Value distance(Value refined, Value input, double blurSigma) {
        if (!(blurSigma >= 0 && blurSigma <= MAX_BLUR)) {
            throw new IllegalArgumentException("the self-regularisation's blur must be 0 to " + MAX_BLUR + " pixels, got " + blurSigma);
        }
        if (blurSigma == 0) return distance(refined, input);
        Value kernel = gaussian(refined, blurSigma);
        int pad = radius(blurSigma);
        Graph g = refined.graph();
        return distance(g.conv(refined, kernel, null, 1, pad), g.conv(input, kernel, null, 1, pad));
    }

    /** The largest blur {@link #distance(Value, Value, double)} takes, pixels. */
    public static final double MAX_BLUR = 8;

    private static int radius(double sigma) {
        return Math.max(1, (int) Math.ceil(2.5 * sigma));
    }

    /** A normalised 2-D Gaussian kernel [1, 1, k, k], k = 2 * radius + 1, as a constant of {@code like}'s graph. */
    private static Value gaussian(Value like, double sigma) {
        int r = radius(sigma), k = 2 * r + 1;
        double[] g1 = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            g1[i] = StrictMath.exp(-0.5 * (i - r) * (i - r) / (sigma * sigma));
            sum += g1[i];
        }
        float[] w = new float[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) w[i * k + j] = (float) (g1[i] * g1[j] / (sum * sum));
        }
        return like.graph().constant("regularization_blur", w, 1, 1, k, k);
    }
}
