package org.simgan.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.simgan.graph.Gradients;
import org.simgan.graph.Graph;
import org.simgan.graph.Node;
import org.simgan.graph.Value;

/** The blocked-layout rewrite: what it changes in a graph, and that the numbers stay the same. */
class NchwcLayoutTest {

    /** A residual block as the refiner has it, its gradients, and a padded 1x1 output convolution. */
    private static Graph residualNet(Map<String, float[]> feeds, SplittableRandom rnd) {
        Graph g = new Graph();
        Value x = g.input("x", 2, 1, 6, 7);
        Value w1 = g.input("w1", 16, 1, 3, 3), w2 = g.input("w2", 16, 16, 3, 3), w3 = g.input("w3", 3, 16, 1, 1);
        Value b1 = g.input("b1", 16), b2 = g.input("b2", 16);
        Value h = g.conv(x, w1, b1, 1, 1).relu();
        Value r = g.conv(h, w2, b2, 1, 1).add(h).relu();
        Value y = g.conv(r, w3, null, 1, 0).tanh();
        Value loss = y.square().sumAll();
        g.output("y", y);
        Map<Value, Value> grads = Gradients.of(loss, List.of(w1, w2, w3, b1, b2));
        grads.forEach((p, d) -> g.output("d_" + p.name(), d));
        for (Value in : g.inputs().values()) {
            float[] a = new float[(int) in.size()];
            for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
            feeds.put(in.name(), a);
        }
        return g;
    }

    @Test
    void convolutionsBecomeBlockedAndFused() {
        Graph g = residualNet(new HashMap<>(), new SplittableRandom(1));
        Graph l = NchwcLayout.apply(g, 8);
        List<Node> convs = l.nodes().stream().filter(n -> n.domain().equals(NchwcLayout.DOMAIN) && n.op().equals("Conv")).toList();
        // forward: 1->16 (plain input), 16->16 fused with the residual sum and ReLU, 16->3 padded to a block;
        // backward: the two input gradients that run on 16 channels
        assertEquals(5, convs.size(), "blocked convolutions: " + convs.stream().map(n -> n.out().toString()).toList());
        assertTrue(convs.stream().anyMatch(n -> n.inputCount() == 4 && "Relu".equals(n.attr("activation"))), "conv + add + relu as one op");
        assertTrue(l.nodes().stream().noneMatch(n -> n.op().equals("Relu")), "every ReLU fused into its convolution");
        assertTrue(l.nodes().stream().noneMatch(n -> n.domain().isEmpty() && n.op().equals("Conv") && n.input(1).rank() == 4
                && n.input(1).dim(0) == 16), "no 16-channel convolution left in the plain layout");
        assertEquals(g.outputs().keySet(), l.outputs().keySet());
    }

    @Test
    void aGraphWithoutSuitableConvolutionsIsLeftAlone() {
        Graph g = new Graph();
        Value x = g.input("x", 1, 3, 5, 5), w = g.input("w", 3, 3, 3, 3);
        g.output("y", g.conv(x, w, null, 1, 1));
        assertSame(g, NchwcLayout.apply(g, 8));
    }

    @Test
    void sameNumbersAsThePlainLayout() {
        int block = Engine.channelBlock();
        Assumptions.assumeTrue(block > 0, "this CPU has no blocked convolution kernels in ONNX Runtime");
        Map<String, float[]> feeds = new HashMap<>();
        Graph g = residualNet(feeds, new SplittableRandom(2));
        Map<String, float[]> plain = run(new Engine(Device.CPU, 1, false), g, feeds);
        Map<String, float[]> blocked = run(new Engine(Device.CPU, 1, true), g, feeds);
        assertEquals(plain.keySet(), blocked.keySet());
        for (String k : plain.keySet()) {
            float[] a = plain.get(k), b = blocked.get(k);
            assertEquals(a.length, b.length, k);
            double scale = 0;
            for (float v : a) scale = Math.max(scale, Math.abs(v));
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-5 * Math.max(1, scale), k + "[" + i + "]");
        }
    }

    private static Map<String, float[]> run(Engine engine, Graph g, Map<String, float[]> feeds) {
        try (TensorStore store = new TensorStore(); GraphSession s = new GraphSession("t", engine, g, store, false)) {
            return s.run(feeds);
        }
    }
}
