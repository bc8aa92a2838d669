package org.simgan.eval;

import java.util.SplittableRandom;
import org.simgan.data.EyeDataset;

/** Small helpers the evaluations share: seeded permutations and size checks (network input batches: {@link org.simgan.refine.ImageModel#batch}). */
final class Images {
    private Images() {
    }

    /** A random permutation of 0..n-1 from {@code seed} (Fisher-Yates). */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static void checkSameSize(EyeDataset a, String aName, EyeDataset b, String bName) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException(aName + " images are " + a.width() + "x" + a.height() + " but " + bName + " images are "
                    + b.width() + "x" + b.height() + " (width x height): give images of one size (resize them when reading)");
        }
    }
}
