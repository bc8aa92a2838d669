package org.simgan.eval;

import java.util.SplittableRandom;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;

/** Small image sets for the evaluation tests. */
final class TestSets {
    private TestSets() {
    }

    /**
     * {@code n} 8-bit "eyes" of {@code h x w}: a noisy grey background and a dark disc whose position encodes the
     * gaze (yaw moves it right, pitch up), labelled with that gaze. {@code shift} is added to every pixel.
     */
    static EyeDataset discs(int n, int h, int w, long seed, float shift) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] px = new float[n][];
        SliceLabel[] labels = new SliceLabel[n];
        for (int i = 0; i < n; i++) {
            double pitch = Math.toRadians(-20 + 40 * r.nextDouble()), yaw = Math.toRadians(-30 + 60 * r.nextDouble());
            Gaze g = Gaze.fromPitchYaw(pitch, yaw);
            double cx = (w - 1) / 2.0 + yaw / Math.toRadians(30) * (w / 4.0);
            double cy = (h - 1) / 2.0 - pitch / Math.toRadians(20) * (h / 4.0);
            double bg = 150 + 20 * r.nextDouble(), rad = Math.min(h, w) / 6.0;
            float[] p = new float[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double d = Math.hypot(x - cx, y - cy);
                    double v = d < rad ? 40 : bg;
                    v += 8 * r.nextGaussian() + shift;
                    p[y * w + x] = (float) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
            px[i] = p;
            labels[i] = new SliceLabel(String.format("%05d", i), g);
        }
        return new EyeDataset(w, h, 8, px, labels);
    }
}
