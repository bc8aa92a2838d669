package org.simgan.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.simgan.runtime.Engine;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;

/**
 * Checks gradients the engine derives against central differences of a double-precision reference: the op (or
 * network) under test is reduced to the scalar sum(y * r) with a fixed random r, its gradients with respect to
 * every input are computed by ONNX Runtime from the graph, and compared element by element.
 */
final class GradCheck {
    static final Engine ENGINE = new Engine(org.simgan.runtime.Device.CPU, 1);
    static final double TOLERANCE = 1e-4;

    private GradCheck() {
    }

    /** Relative error of {@code got} against {@code want} in the 2-norm. */
    static double relativeError(float[] got, double[] want) {
        double num = 0, den = 0;
        for (int i = 0; i < want.length; i++) {
            num += (got[i] - want[i]) * (got[i] - want[i]);
            den += want[i] * want[i];
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-12);
    }

    /** Runs a graph once with the given feeds (no stored state) and returns its outputs. */
    static Map<String, float[]> run(Graph g, Map<String, float[]> feeds) {
        try (TensorStore store = new TensorStore();
             GraphSession s = new GraphSession("test", ENGINE, g, store, false)) {
            return s.run(feeds);
        }
    }

    /**
     * @param build  the op on graph inputs
     * @param naive  the same op on doubles
     * @param wrt    which inputs to differentiate (indices into {@code inputs})
     */
    static void check(String what, List<DT> inputs, int[] wrt, BiFunction<Graph, List<Value>, Value> build, Function<List<DT>, DT> naive) {
        SplittableRandom rnd = new SplittableRandom(what.hashCode());
        DT y0 = naive.apply(inputs);
        DT r = DT.random(rnd, -1, 1, y0.shape);

        Graph g = new Graph();
        List<Value> in = new ArrayList<>();
        Map<String, float[]> feeds = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            in.add(g.input("x" + i, inputs.get(i).longShape()));
            feeds.put("x" + i, inputs.get(i).floats());
        }
        Value y = build.apply(g, in);
        assertTrue(java.util.Arrays.equals(y.shape(), y0.longShape()),
                what + ": graph shape " + java.util.Arrays.toString(y.shape()) + " vs reference " + java.util.Arrays.toString(y0.shape));
        Value loss = y.mul(g.constant("r", r.floats(), r.longShape())).sumAll();
        List<Value> targets = new ArrayList<>();
        for (int i : wrt) targets.add(in.get(i));
        Map<Value, Value> grads = Gradients.of(loss, targets);
        g.output("loss", loss);
        for (int i : wrt) g.output("grad" + i, grads.get(in.get(i)));
        Map<String, float[]> out = run(g, feeds);

        double lossRef = y0.mul(r).sum();
        assertTrue(Math.abs(out.get("loss")[0] - lossRef) <= 1e-4 * Math.max(1, Math.abs(lossRef)),
                what + ": forward " + out.get("loss")[0] + " vs reference " + lossRef);
        for (int i : wrt) {
            double[] ref = numericGradient(inputs, i, list -> naive.apply(list).mul(r).sum());
            double err = relativeError(out.get("grad" + i), ref);
            assertTrue(err <= TOLERANCE, what + ": gradient of input " + i + " has relative error " + err);
        }
    }

    /** Central differences of a scalar function with respect to every element of input {@code which}. */
    static double[] numericGradient(List<DT> inputs, int which, Function<List<DT>, Double> f) {
        DT x = inputs.get(which);
        double[] g = new double[x.data.length];
        for (int j = 0; j < g.length; j++) {
            double v = x.data[j], h = 1e-6 * Math.max(1, Math.abs(v));
            List<DT> plus = new ArrayList<>(inputs), minus = new ArrayList<>(inputs);
            DT xp = x.copy(), xm = x.copy();
            xp.data[j] = v + h;
            xm.data[j] = v - h;
            plus.set(which, xp);
            minus.set(which, xm);
            g[j] = (f.apply(plus) - f.apply(minus)) / (2 * h);
        }
        return g;
    }
}
