package org.simgan.train;

import java.util.Map;
import java.util.SplittableRandom;
import org.simgan.data.EyeDataset;
import org.simgan.data.SliceLabel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

/** Tiny settings and made-up data so training tests take well under a second per run. */
final class TinyRuns {
    static final Engine ENGINE = new Engine(Device.CPU, 1);

    private TinyRuns() {
    }

    static TrainSettings settings(int rPre, int dPre, int iterations) {
        Map<String, String> m = new java.util.HashMap<>(Map.of("batch", "4", "features", "4", "blocks", "1", "disc-width", "16",
                "history-size", "8", "height", "12", "width", "16", "checkpoint-every", "0", "preview-every", "0", "seed", "5"));
        m.putAll(Map.of("refiner-pretrain", "" + rPre, "disc-pretrain", "" + dPre, "iterations", "" + iterations));
        return TrainSettings.fromMap(m, TrainSettings.paper());
    }

    /** 8-bit images: smooth blobs (synthetic) or noisy blobs (real). */
    static EyeDataset images(int n, boolean noisy, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] px = new float[n][12 * 16];
        SliceLabel[] labels = new SliceLabel[n];
        for (int i = 0; i < n; i++) {
            double cx = 4 + 8 * r.nextDouble(), cy = 3 + 6 * r.nextDouble();
            for (int y = 0; y < 12; y++)
                for (int x = 0; x < 16; x++) {
                    double v = 200 - 150 * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 6) + (noisy ? 30 * r.nextGaussian() : 0);
                    px[i][y * 16 + x] = (float) Math.max(0, Math.min(255, Math.round(v)));
                }
            labels[i] = new SliceLabel(String.format("%05d", i), null);
        }
        return new EyeDataset(16, 12, 8, px, labels);
    }
}
