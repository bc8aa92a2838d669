package org.simgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.simgan.graph.Graph;
import org.simgan.runtime.Engine;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;

/** The discriminator's augmented view: what the graph computes from the drawn feeds, and the text form. */
class AugmentationTest {

    /** What the graph of {@code aug.apply} computes from {@code x} [n, 1, h, w] and the drawn feeds (prefix "a"). */
    private static float[] augmented(Augmentation aug, Map<String, float[]> feeds, float[] x, int n, int h, int w) {
        Graph g = new Graph();
        g.output("y", aug.apply(g.input("x", n, 1, h, w), "a"));
        Map<String, float[]> all = new java.util.HashMap<>(feeds);
        all.put("x", x);
        try (TensorStore store = new TensorStore(); GraphSession s = new GraphSession("aug", Engine.cpu(), g, store, true)) {
            return s.run(all).get("y");
        }
    }

    @Test
    void eachImageIsMirroredShiftedWithReflectedBordersAndChangedInLight() {
        int n = 64, h = 7, w = 9;
        Augmentation aug = new Augmentation(true, 2, 0.3, 0.2);
        Map<String, float[]> feeds = aug.draw(new Rng(42), "a", n, h, w);
        float[] x = new float[n * h * w];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.sin(i * 0.37);
        float[] y = augmented(aug, feeds, x, n, h, w);
        int mirrored = 0, shifted = 0;
        for (int k = 0; k < n; k++) {
            float gain = feeds.get("a.gain")[k], bias = feeds.get("a.bias")[k];
            assertTrue(Math.abs(gain - 1) <= 0.3 + 1e-6 && Math.abs(bias) <= 0.2 + 1e-6, "gain " + gain + ", bias " + bias);
            // find the flip and shift that explain image k; exactly one must
            int found = 0;
            for (int m = 0; m < 2; m++)
                for (int dy = -2; dy <= 2; dy++)
                    for (int dx = -2; dx <= 2; dx++) {
                        boolean all2 = true;
                        for (int r = 0; r < h && all2; r++)
                            for (int c = 0; c < w && all2; c++) {
                                int sc = Augmentation.reflect(c - dx, w);
                                if (m == 1) sc = w - 1 - sc;
                                double want = x[(k * h + Augmentation.reflect(r - dy, h)) * w + sc] * gain + bias;
                                all2 = Math.abs(y[(k * h + r) * w + c] - want) < 1e-5;
                            }
                        if (all2) {
                            found++;
                            if (m == 1) mirrored++;
                            if (dx != 0 || dy != 0) shifted++;
                        }
                    }
            assertEquals(1, found, "image " + k + " is explained by " + found + " flips and shifts");
        }
        assertTrue(mirrored > 16 && mirrored < 48, mirrored + " of " + n + " mirrored");
        assertTrue(shifted > n / 2, shifted + " of " + n + " shifted");
    }

    @Test
    void instanceNoiseIsAddedPerPixelWithTheAskedSpreadAndDrawnAfresh() {
        int n = 16, h = 7, w = 9;
        Augmentation aug = Augmentation.parse("noise=0.1");
        Rng rng = new Rng(7);
        Map<String, float[]> feeds = aug.draw(rng, "a", n, h, w);
        float[] x = new float[n * h * w];
        for (int i = 0; i < x.length; i++) x[i] = (float) Math.cos(i * 0.11);
        float[] y = augmented(aug, feeds, x, n, h, w);
        float[] z = feeds.get("a.noise");
        double sum = 0, sq = 0;
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] + z[i], y[i], 1e-6);
            sum += z[i];
            sq += z[i] * z[i];
        }
        double mean = sum / x.length, sd = Math.sqrt(sq / x.length - mean * mean);
        assertEquals(0, mean, 0.02);
        assertEquals(0.1, sd, 0.01);
        float[] next = aug.draw(rng, "a", n, h, w).get("a.noise");
        assertTrue(!java.util.Arrays.equals(z, next), "each draw gives new noise");
        assertEquals(aug, Augmentation.parse(aug.format()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("noise=2")).getMessage().contains("[0, 1]"));
    }

    @Test
    void reflectionMirrorsAboutTheBorderPixels() {
        int[] got = new int[9];
        for (int i = -3; i <= 5; i++) got[i + 3] = Augmentation.reflect(i, 3);
        assertEquals("[1, 2, 1, 0, 1, 2, 1, 0, 1]", java.util.Arrays.toString(got));
    }

    @Test
    void textFormRoundTripsAndBadTextIsRefused() {
        Augmentation a = Augmentation.parse(" flip, shift=3 ,contrast=0.25");
        assertEquals(new Augmentation(true, 3, 0.25, 0), a);
        assertEquals(a, Augmentation.parse(a.format()));
        assertEquals(Augmentation.NONE, Augmentation.parse("none"));
        assertEquals("none", Augmentation.NONE.format());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("flip,rotate=5")).getMessage().contains("unknown part 'rotate'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("shift=x")).getMessage().contains("needs a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("shift=40")).getMessage().contains("0..16"));
    }
}
