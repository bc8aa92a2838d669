package org.simgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;
import org.simgan.runtime.Engine;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;

/** The in-graph histogram equalisation against the textbook mapping, computed here in double precision. */
class EqualizationTest {

    /** round(max(0, cdf(v) - cdf(min)) * 255 / (n - cdf(min))) per grey level; an image of one level is kept. */
    static int[] reference(int[] img) {
        int[] hist = new int[256];
        for (int v : img) hist[v]++;
        int cdfMin = 0;
        for (int c : hist) {
            if (c > 0) {
                cdfMin = c;
                break;
            }
        }
        if (cdfMin == img.length) return img.clone();
        int[] lut = new int[256];
        int cdf = 0;
        for (int i = 0; i < 256; i++) {
            cdf += hist[i];
            lut[i] = (int) Math.rint(Math.max(0, cdf - cdfMin) * 255.0 / (img.length - cdfMin));
        }
        int[] out = new int[img.length];
        for (int i = 0; i < img.length; i++) out[i] = lut[img[i]];
        return out;
    }

    @Test
    void equalisesEachImageExactlyAsTheReference() {
        int h = 35, w = 55, n = 5, size = h * w;
        SplittableRandom r = new SplittableRandom(3);
        int[][] images = new int[n][size];
        for (int i = 0; i < size; i++) {
            images[0][i] = (int) Math.min(255, Math.abs(r.nextGaussian() * 40 + 90)); // a skewed, dark image
            images[1][i] = 77; // one grey level
            images[2][i] = r.nextBoolean() ? 10 : 200; // two levels
            images[3][i] = r.nextInt(256); // already flat
            images[4][i] = 100 + (i % w) / 5; // a ramp over a few levels
        }
        float[] x = new float[n * size];
        for (int k = 0; k < n; k++) for (int i = 0; i < size; i++) x[k * size + i] = (float) (images[k][i] / 127.5 - 1);
        Graph g = new Graph();
        g.output("y", Equalization.apply(g.input("x", -1, 1, h, w)));
        float[] y;
        try (TensorStore store = new TensorStore(); GraphSession s = new GraphSession("eq", Engine.cpu(), g, store, true)) {
            y = s.run(Map.of("x", x)).get("y");
        }
        for (int k = 0; k < n; k++) {
            int[] got = new int[size];
            for (int i = 0; i < size; i++) {
                double level = (y[k * size + i] + 1) * 127.5;
                assertEquals(Math.rint(level), level, 1e-3, "image " + k + " pixel " + i + " is not on a grey level");
                got[i] = (int) Math.rint(level);
            }
            assertArrayEquals(reference(images[k]), got, "image " + k);
        }
        // the skewed image comes out with a flat cumulative histogram: about a quarter of the pixels below 64
        int below = 0;
        for (int i = 0; i < size; i++) if (y[i] < 64 / 127.5 - 1) below++;
        assertTrue(Math.abs(below / (double) size - 0.25) < 0.03, "share below level 64: " + below / (double) size);
    }
}
