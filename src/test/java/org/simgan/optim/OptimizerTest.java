package org.simgan.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;
import org.simgan.runtime.TensorStore;

/**
 * Adam and SGD updates against values worked out by hand. The loss sum(p * c) has the constant gradient c, so
 * every step's expected parameters follow from the update formulas alone.
 */
class OptimizerTest {
    private static final Engine ENGINE = new Engine(Device.CPU, 1);
    private static final float[] P0 = {1f, -2f, 0.5f};
    private static final float[] C = {0.3f, -1.5f, 2f};

    private float[][] run(Optimizer opt, int steps) {
        Graph g = new Graph();
        Value p = g.input("p", 3);
        Value c = g.constant("c", C, 3);
        TrainStep.Spec spec = TrainStep.build(g, p.mul(c).sumAll(), "loss", List.of(p), opt, "t.");
        float[][] history = new float[steps][];
        try (TensorStore store = new TensorStore()) {
            store.put("p", P0.clone(), 3);
            try (TrainStep step = new TrainStep("opt", ENGINE, spec, store, false)) {
                for (int i = 0; i < steps; i++) {
                    step.run(Map.of());
                    history[i] = store.get("p");
                }
            }
        }
        return history;
    }

    @Test
    void adamMatchesHandComputedSteps() {
        double lr = 0.1, b1 = 0.5, b2 = 0.999, eps = 1e-8;
        float[][] got = run(new Adam(lr, b1, b2, eps), 2);
        for (int i = 0; i < 3; i++) {
            double g = C[i];
            // step 1: m = (1-b1) g, v = (1-b2) g^2; bias-corrected m/(1-b1) = g and v/(1-b2) = g^2, so p moves by lr * sign(g)
            double p1 = P0[i] - lr * g / (Math.abs(g) + eps);
            assertEquals(p1, got[0][i], 1e-6, "Adam step 1, element " + i);
            // step 2 with the same gradient: m = (1-b1^2) g, v = (1-b2^2) g^2: again lr * g / (|g| + eps)
            double m2 = b1 * (1 - b1) * g + (1 - b1) * g, v2 = b2 * (1 - b2) * g * g + (1 - b2) * g * g;
            double p2 = p1 - lr / (1 - b1 * b1) * m2 / (Math.sqrt(v2) / Math.sqrt(1 - b2 * b2) + eps);
            assertEquals(p2, got[1][i], 1e-6, "Adam step 2, element " + i);
        }
        // concretely, for the first element: 1 - 0.1 - 0.1
        assertEquals(0.8, got[1][0], 1e-6);
    }

    @Test
    void sgdWithMomentumMatchesHandComputedSteps() {
        float[][] got = run(new Sgd(0.1, 0.9), 3);
        // buffer: g, 1.9 g, 2.71 g; p moves by lr * buffer each step
        for (int i = 0; i < 3; i++) {
            assertEquals(P0[i] - 0.1 * C[i], got[0][i], 1e-6);
            assertEquals(P0[i] - 0.1 * C[i] * (1 + 1.9), got[1][i], 1e-6);
            assertEquals(P0[i] - 0.1 * C[i] * (1 + 1.9 + 2.71), got[2][i], 1e-5);
        }
        assertArrayEquals(new float[] {1f - 0.03f, -2f + 0.15f, 0.5f - 0.2f}, got[0], 1e-6f);
    }
}
