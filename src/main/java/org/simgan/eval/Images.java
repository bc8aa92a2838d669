package org.simgan.eval;

import java.util.SplittableRandom;
import org.simgan.data.EyeDataset;
import org.simgan.data.Normalization;

/** Small helpers the evaluations share: network input batches, seeded permutations, pixel statistics. */
final class Images {
    private Images() {
    }

    /** Images {@code idx[from .. from+count-1]} of {@code ds} scaled to [-1, 1] by bit depth, one after the other. */
    static float[] batch(EyeDataset ds, int[] idx, int from, int count) {
        Normalization n = Normalization.forBitDepth(ds.bitDepth());
        int size = ds.width() * ds.height();
        float[] out = new float[count * size];
        for (int i = 0; i < count; i++) n.toModel(ds.pixels(idx[from + i]), out, i * size);
        return out;
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

    static int[] range(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }

    static void checkSameSize(EyeDataset a, String aName, EyeDataset b, String bName) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException(aName + " images are " + a.width() + "x" + a.height() + " but " + bName + " images are "
                    + b.width() + "x" + b.height() + " (width x height): give images of one size (resize them when reading)");
        }
    }
}
