package org.simgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.simgan.graph.Gradients;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;
import org.simgan.runtime.Engine;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;
import org.simgan.train.TrainSettings;

/** The self-regularisation distances: per-image sums averaged over the batch, and the setting that picks one. */
class SelfRegularizationTest {

    private static double distance(SelfRegularization r, float[] a, float[] b, int n, int h, int w) {
        return distance(r, 0, a, b, n, h, w);
    }

    private static double distance(SelfRegularization r, double blur, float[] a, float[] b, int n, int h, int w) {
        return run(r, blur, a, b, n, h, w).get("d")[0];
    }

    /** The distance "d" of a and b after {@code blur}, and its gradient "grad" with respect to a. */
    private static Map<String, float[]> run(SelfRegularization r, double blur, float[] a, float[] b, int n, int h, int w) {
        Graph g = new Graph();
        Value va = g.input("a", n, 1, h, w);
        Value d = r.distance(va, g.input("b", n, 1, h, w), blur);
        g.output("d", d);
        g.output("grad", Gradients.of(d, List.of(va)).get(va));
        try (TensorStore store = new TensorStore(); GraphSession s = new GraphSession("reg", Engine.cpu(), g, store, true)) {
            return s.run(Map.of("a", a, "b", b));
        }
    }

    @Test
    void l1SumsAbsoluteAndL2SquaredDifferencesPerImageAveragedOverTheBatch() {
        int n = 2, h = 2, w = 3;
        float[] a = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
        float[] b = {0.5f, -0.5f, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1};
        // image 0: |d| = 0.5, 0.5 -> 1.0, d^2 -> 0.5; image 1: |d| = 2 -> 2, d^2 = 4
        assertEquals((1.0 + 2.0) / 2, distance(SelfRegularization.L1, a, b, n, h, w), 1e-6);
        assertEquals((0.5 + 4.0) / 2, distance(SelfRegularization.L2, a, b, n, h, w), 1e-6);
    }

    @Test
    void l2MakesOneLargeChangeDearerThanTheSameAmountSpreadThinly() {
        int h = 4, w = 4;
        float[] x = new float[h * w], sparse = new float[h * w], dense = new float[h * w];
        sparse[5] = 1.6f;
        java.util.Arrays.fill(dense, 0.1f); // the same total change, 16 x 0.1
        double l1Sparse = distance(SelfRegularization.L1, sparse, x, 1, h, w), l1Dense = distance(SelfRegularization.L1, dense, x, 1, h, w);
        double l2Sparse = distance(SelfRegularization.L2, sparse, x, 1, h, w), l2Dense = distance(SelfRegularization.L2, dense, x, 1, h, w);
        assertEquals(l1Sparse, l1Dense, 1e-5);
        assertTrue(l2Sparse > 10 * l2Dense, "l2: sparse " + l2Sparse + ", dense " + l2Dense);
    }

    @Test
    void theSettingIsReadCheckedAndTheOldDefaultIsTheL1OfThePaper() {
        assertEquals(SelfRegularization.L1, TrainSettings.paper().selfRegularization());
        TrainSettings l2 = TrainSettings.fromMap(Map.of("regularization", "L2"), TrainSettings.defaults());
        assertEquals("l2", l2.regularization());
        assertEquals(SelfRegularization.L2, l2.selfRegularization());
        String message = assertThrows(IllegalArgumentException.class,
                () -> TrainSettings.fromMap(Map.of("regularization", "huber"), TrainSettings.defaults())).getMessage();
        assertTrue(message.contains("huber") && message.contains("l1") && message.contains("l2"), message);
    }

    private static float[] uniform(long seed, int length) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float) rnd.nextDouble(-1, 1);
        return x;
    }

    @Test
    void withoutBlurTheDistanceIsThePixelwiseOne() {
        int n = 2, h = 5, w = 7;
        float[] a = uniform(3, n * h * w), b = uniform(30, n * h * w);
        for (SelfRegularization r : SelfRegularization.values()) {
            assertEquals(distance(r, a, b, n, h, w), distance(r, 0, a, b, n, h, w), 0);
            assertTrue(distance(r, 1.5, a, b, n, h, w) < distance(r, a, b, n, h, w), r + ": blurring averages random changes out");
        }
    }

    @Test
    void aBlurMakesChangesFinerThanItCheapAndLeavesCoarseOnesTheirCost() {
        int h = 24, w = 32;
        float[] x = new float[h * w], fine = new float[h * w], coarse = new float[h * w];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                fine[v * w + u] = (u + v) % 2 == 0 ? 0.5f : -0.5f; // a pixel-scale checkerboard
                double du = u - 15.5, dv = v - 11.5;
                coarse[v * w + u] = (float) Math.exp(-(du * du + dv * dv) / (2 * 6.0 * 6.0)); // a bump 6 px wide
            }
        }
        for (SelfRegularization r : SelfRegularization.values()) {
            double fineRatio = distance(r, 2, fine, x, 1, h, w) / distance(r, fine, x, 1, h, w);
            double coarseRatio = distance(r, 2, coarse, x, 1, h, w) / distance(r, coarse, x, 1, h, w);
            assertTrue(fineRatio < 0.01, r + ": the checkerboard keeps " + fineRatio + " of its cost");
            assertTrue(coarseRatio > 0.6, r + ": the bump keeps only " + coarseRatio + " of its cost");
        }
    }

    @Test
    void theBlurredL2sGradientIsExact() {
        // the blurred L2 distance is quadratic in a, so central differences of any step are exact (up to float32)
        int n = 2, h = 6, w = 9;
        float[] a = uniform(11, n * h * w), b = uniform(110, n * h * w);
        float[] grad = run(SelfRegularization.L2, 1.2, a, b, n, h, w).get("grad");
        double worst = 0, scale = 0;
        for (int i = 0; i < a.length; i++) {
            float[] plus = a.clone(), minus = a.clone();
            plus[i] += 0.5f;
            minus[i] -= 0.5f;
            double numeric = (distance(SelfRegularization.L2, 1.2, plus, b, n, h, w) - distance(SelfRegularization.L2, 1.2, minus, b, n, h, w)) / 1.0;
            worst = Math.max(worst, Math.abs(numeric - grad[i]));
            scale = Math.max(scale, Math.abs(numeric));
        }
        assertTrue(scale > 1e-3, "a gradient that is not zero");
        assertTrue(worst < 1e-4 * Math.max(1, scale), "largest gradient error " + worst + " (largest gradient " + scale + ")");
    }

    @Test
    void theBlurIsASettingOfItsOwnCheckedAndOffInThePresets() {
        assertEquals(0, TrainSettings.paper().regularizationBlur());
        assertEquals(0, TrainSettings.recommended().regularizationBlur());
        assertEquals(2.5, TrainSettings.fromMap(Map.of("regularization-blur", "2.5"), TrainSettings.defaults()).regularizationBlur());
        for (String bad : new String[] {"-1", "9"}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> TrainSettings.fromMap(Map.of("regularization-blur", bad), TrainSettings.defaults())).getMessage();
            assertTrue(message.contains("regularization-blur") && message.contains(bad), message);
        }
    }
}
