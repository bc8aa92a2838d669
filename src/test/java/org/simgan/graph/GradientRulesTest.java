package org.simgan.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.simgan.nn.Losses;
import org.simgan.runtime.Engine;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;

/** Every gradient rule against central differences of a naive double-precision reference. */
class GradientRulesTest {
    private final SplittableRandom rnd = new SplittableRandom(42);

    private DT rand(int... shape) {
        return DT.random(rnd, -1, 1, shape);
    }

    private DT positive(int... shape) {
        return DT.random(rnd, 0.5, 2, shape);
    }

    private static final int[] FIRST = {0}, BOTH = {0, 1};

    @Test
    void elementwiseWithBroadcasting() {
        GradCheck.check("add", List.of(rand(2, 3, 4), rand(3, 1)), BOTH, (g, in) -> in.get(0).add(in.get(1)), l -> l.get(0).add(l.get(1)));
        GradCheck.check("sub", List.of(rand(2, 3), rand(3)), BOTH, (g, in) -> in.get(0).sub(in.get(1)),
                l -> DT.zip(l.get(0), l.get(1), (a, b) -> a - b));
        GradCheck.check("mul", List.of(rand(2, 1, 4), rand(3, 4)), BOTH, (g, in) -> in.get(0).mul(in.get(1)), l -> l.get(0).mul(l.get(1)));
        GradCheck.check("div", List.of(rand(2, 3), positive(2, 3)), BOTH, (g, in) -> in.get(0).div(in.get(1)),
                l -> DT.zip(l.get(0), l.get(1), (a, b) -> a / b));
        GradCheck.check("where", List.of(rand(3, 4), rand(3, 4)), BOTH,
                (g, in) -> g.where(g.greater(in.get(0), g.scalar(0.1)), in.get(0).mul(in.get(1)), in.get(1)),
                l -> DT.zip(l.get(0), l.get(1), (a, b) -> a > 0.1 ? a * b : b));
    }

    @Test
    void unaryOps() {
        GradCheck.check("neg", List.of(rand(5)), FIRST, (g, in) -> in.get(0).neg(), l -> l.get(0).map(v -> -v));
        GradCheck.check("abs", List.of(rand(7)), FIRST, (g, in) -> in.get(0).abs(), l -> l.get(0).map(Math::abs));
        GradCheck.check("exp", List.of(rand(7)), FIRST, (g, in) -> in.get(0).exp(), l -> l.get(0).map(Math::exp));
        GradCheck.check("log", List.of(positive(7)), FIRST, (g, in) -> in.get(0).log(), l -> l.get(0).map(Math::log));
        GradCheck.check("sqrt", List.of(positive(7)), FIRST, (g, in) -> in.get(0).sqrt(), l -> l.get(0).map(Math::sqrt));
        GradCheck.check("relu", List.of(rand(2, 9)), FIRST, (g, in) -> in.get(0).relu(), l -> l.get(0).relu());
        GradCheck.check("tanh", List.of(rand(2, 9)), FIRST, (g, in) -> in.get(0).tanh(), l -> l.get(0).tanh());
        GradCheck.check("sigmoid", List.of(rand(9)), FIRST, (g, in) -> g.unary("Sigmoid", in.get(0)), l -> l.get(0).map(v -> 1 / (1 + Math.exp(-v))));
        GradCheck.check("leakyrelu", List.of(rand(2, 9)), FIRST, (g, in) -> g.leakyRelu(in.get(0), 0.2), l -> l.get(0).map(v -> v > 0 ? v : 0.2 * v));
    }

    @Test
    void shapeOps() {
        GradCheck.check("reshape", List.of(rand(2, 6)), FIRST, (g, in) -> in.get(0).reshape(3, 4).tanh(), l -> l.get(0).reshape(3, 4).tanh());
        GradCheck.check("flatten", List.of(rand(2, 3, 2, 2)), FIRST, (g, in) -> g.flatten(in.get(0)).tanh(), l -> l.get(0).reshape(2, 12).tanh());
        GradCheck.check("transpose", List.of(rand(2, 3, 4)), FIRST, (g, in) -> in.get(0).transpose(2, 0, 1).tanh(),
                l -> l.get(0).transpose(2, 0, 1).tanh());
        GradCheck.check("expand", List.of(rand(3, 1)), FIRST, (g, in) -> g.expand(in.get(0), 2, 3, 4).tanh(),
                l -> l.get(0).add(new DT(2, 3, 4)).tanh());
        GradCheck.check("concat", List.of(rand(2, 3), rand(2, 2)), BOTH, (g, in) -> g.concat(1, in.get(0), in.get(1)).tanh(),
                l -> concat1(l.get(0), l.get(1)).tanh());
        GradCheck.check("slice", List.of(rand(4, 3)), FIRST, (g, in) -> g.slice(in.get(0), 0, 1, 3).tanh(),
                l -> new DT(new int[] {2, 3}, java.util.Arrays.copyOfRange(l.get(0).data, 3, 9)).tanh());
    }

    @Test
    void reductions() {
        GradCheck.check("reducesum", List.of(rand(2, 3, 4)), FIRST, (g, in) -> in.get(0).sum(false, 0, 2).tanh(), l -> l.get(0).reduceSum(false, 0, 2).tanh());
        GradCheck.check("reducesum-keep", List.of(rand(2, 3, 4)), FIRST, (g, in) -> in.get(0).sum(true, 1).tanh(), l -> l.get(0).reduceSum(true, 1).tanh());
        GradCheck.check("reducemean", List.of(rand(2, 3, 4)), FIRST, (g, in) -> g.reduceMean(in.get(0), false, 1).tanh(),
                l -> l.get(0).reduceSum(false, 1).map(v -> v / 3).tanh());
    }

    @Test
    void matmul() {
        GradCheck.check("matmul", List.of(rand(3, 4), rand(4, 5)), BOTH, (g, in) -> in.get(0).matmul(in.get(1)), l -> l.get(0).matmul(l.get(1)));
        GradCheck.check("matmul-batched-broadcast", List.of(rand(2, 3, 4), rand(4, 2)), BOTH, (g, in) -> in.get(0).matmul(in.get(1)),
                l -> l.get(0).matmul(l.get(1)));
        GradCheck.check("matmul-batched", List.of(rand(2, 3, 4), rand(2, 4, 2)), BOTH, (g, in) -> in.get(0).matmul(in.get(1)),
                l -> l.get(0).matmul(l.get(1)));
    }

    @Test
    void softmaxes() {
        GradCheck.check("logsoftmax", List.of(rand(2, 3, 2, 2)), FIRST, (g, in) -> g.logSoftmax(in.get(0), 1), l -> l.get(0).softmax(1, true));
        GradCheck.check("softmax", List.of(rand(4, 3)), FIRST, (g, in) -> g.softmax(in.get(0), 1), l -> l.get(0).softmax(1, false));
    }

    @Test
    void convolutions() {
        for (int[] c : new int[][] {{3, 1, 1}, {3, 2, 1}, {1, 1, 0}, {3, 1, 0}, {2, 2, 0}, {3, 2, 0}, {5, 1, 2},
                {1, 2, 0}, {3, 3, 1}, {4, 2, 1}, {5, 2, 2}, {2, 3, 1}}) {
            int k = c[0], stride = c[1], pad = c[2];
            GradCheck.check("conv k" + k + " s" + stride + " p" + pad, List.of(rand(2, 3, 7, 6), rand(4, 3, k, k), rand(4)), new int[] {0, 1, 2},
                    (g, in) -> g.conv(in.get(0), in.get(1), in.get(2), stride, pad),
                    l -> DT.conv(l.get(0), l.get(1), l.get(2), stride, pad));
        }
    }

    /**
     * Stride-1 weight gradients with enough channels that they are taken from row and column shifts
     * (ConvGradients.shiftedWeight) rather than im2col: square and oblong kernels, symmetric and lopsided padding.
     */
    @Test
    void convolutionsWithShiftedWeightGradients() {
        for (int[] c : new int[][] {{3, 3, 1, 1, 1, 1}, {3, 3, 0, 0, 0, 0}, {2, 3, 1, 0, 0, 2}, {5, 5, 2, 2, 2, 2}, {3, 3, 2, 0, 0, 1}}) {
            int kh = c[0], kw = c[1];
            int[] pads = {c[2], c[3], c[4], c[5]};
            String what = "conv " + kh + "x" + kw + " pads " + java.util.Arrays.toString(pads);
            BiFunction<Graph, List<Value>, Value> conv = (g, in) -> g.conv(in.get(0), in.get(1), in.get(2), 1,
                    new long[] {pads[0], pads[1], pads[2], pads[3]});
            GradCheck.check(what, List.of(rand(2, 8, 9, 10), rand(8, 8, kh, kw), rand(8)), new int[] {0, 1, 2}, conv,
                    l -> DT.conv(l.get(0), l.get(1), l.get(2), 1, pads));
            Graph g = new Graph();
            Value x = g.input("x", 2, 8, 9, 10), w = g.input("w", 8, 8, kh, kw);
            Value y = conv.apply(g, List.of(x, w, g.input("b", 8)));
            Gradients.of(y.sumAll(), List.of(w));
            assertTrue(g.nodes().stream().anyMatch(n -> n.op.equals("Conv") && n.input(1).shape[0] == kw && n.input(1).shape[2] == 1),
                    what + ": the weight gradient should come from column shifts");
        }
    }

    /** The mask the ReLU rule multiplies by ({@link Graph#positiveMask}), run by ONNX Runtime: exactly 0 or 1. */
    @Test
    void positiveMaskIsExactForEveryFloat() {
        float[] x = {0f, -0f, -1f, Float.MIN_VALUE, 1e-39f, Float.MIN_NORMAL, 0.5f, 1f, 3e38f, Float.MAX_VALUE, Float.POSITIVE_INFINITY, -Float.MAX_VALUE};
        float[] want = {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0};
        Graph g = new Graph();
        g.output("m", g.positiveMask(g.input("x", x.length)));
        try (TensorStore store = new TensorStore(); GraphSession s = new GraphSession("mask", Engine.cpu(), g, store, false)) {
            assertArrayEquals(want, s.run(Map.of("x", x)).get("m"));
        }
    }

    @Test
    void maxPools() {
        for (int[] c : new int[][] {{3, 1}, {3, 2}, {2, 2}}) {
            GradCheck.check("maxpool k" + c[0] + " s" + c[1], List.of(rand(2, 3, 7, 8)), FIRST,
                    (g, in) -> g.maxPool(in.get(0), c[0], c[1], 0)[0], l -> DT.maxPool(l.get(0), c[0], c[1]));
        }
    }

    @Test
    void losses() {
        GradCheck.check("patch cross-entropy", List.of(rand(3, 2, 2, 3)), FIRST, (g, in) -> Losses.patchCrossEntropy(in.get(0), 1),
                l -> new DT(new int[0], new double[] {-sumClass(l.get(0).softmax(1, true), 1) / 18}));
        GradCheck.check("l1", List.of(rand(3, 1, 2, 3), rand(3, 1, 2, 3)), BOTH, (g, in) -> Losses.l1(in.get(0), in.get(1)),
                l -> new DT(new int[0], new double[] {DT.zip(l.get(0), l.get(1), (a, b) -> Math.abs(a - b)).sum() / 3}));
    }

    @Test
    void gradientOnlyForNamedParameters() {
        // d(loss)/d(a) flows through b's op, but b itself gets no gradient nodes
        Graph g = new Graph();
        Value a = g.input("a", 3), b = g.input("b", 3);
        Value loss = a.mul(b).sumAll();
        var grads = Gradients.of(loss, List.of(a));
        assertTrue(grads.size() == 1 && grads.containsKey(a));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gradients.of(loss, List.of(g.input("c", 3))));
        assertTrue(e.getMessage().contains("does not depend on c"), e.getMessage());
    }

    private static double sumClass(DT logSoftmax, int cls) {
        double s = 0;
        int N = logSoftmax.shape[0], C = logSoftmax.shape[1], P = logSoftmax.shape[2] * logSoftmax.shape[3];
        for (int n = 0; n < N; n++)
            for (int p = 0; p < P; p++) s += logSoftmax.data[(n * C + cls) * P + p];
        return s;
    }

    private static DT concat1(DT a, DT b) {
        int n = a.shape[0], ca = a.shape[1], cb = b.shape[1];
        DT o = new DT(n, ca + cb);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < ca; j++) o.data[i * (ca + cb) + j] = a.data[i * ca + j];
            for (int j = 0; j < cb; j++) o.data[i * (ca + cb) + ca + j] = b.data[i * cb + j];
        }
        return o;
    }
}
