package org.simgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.simgan.graph.Graph;
import org.simgan.runtime.Engine;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;
import org.simgan.train.TrainSettings;

/** The self-regularisation distances: per-image sums averaged over the batch, and the setting that picks one. */
class SelfRegularizationTest {

    private static double distance(SelfRegularization r, float[] a, float[] b, int n, int h, int w) {
        Graph g = new Graph();
        g.output("d", r.distance(g.input("a", n, 1, h, w), g.input("b", n, 1, h, w)));
        try (TensorStore store = new TensorStore(); GraphSession s = new GraphSession("reg", Engine.cpu(), g, store, true)) {
            return s.run(Map.of("a", a, "b", b)).get("d")[0];
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
}
