package org.simgan.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.simgan.graph.DType;
import org.simgan.graph.Graph;
import org.simgan.graph.Node;
import org.simgan.graph.Value;

/**
 * Rewrites a graph so that ONNX Runtime's CPU provider runs its convolutions on the blocked "NCHWc" kernels of its
 * {@value #DOMAIN} operator set: channels grouped in blocks of 8 or 16 (the CPU's vector width) and stored
 * innermost, which the provider's convolution kernels run about a quarter faster than plain NCHW ones.
 * <p>
 * ONNX Runtime makes this rewrite itself, but only for convolutions whose weights are constants. A training graph
 * takes its weights as inputs, so here the weight reordering is part of the graph. Tensors stay blocked through
 * element-wise ops; an op that needs the plain layout (a reshape, a reduction, a graph output) gets one conversion
 * per tensor. A convolution whose result only feeds an addition and a ReLU becomes one fused convolution.
 * <p>
 * The rewritten graph computes the same numbers (up to float rounding order); it is for running, not for saving:
 * exported models stay standard ONNX.
 */
public final class NchwcLayout {
    /** ONNX Runtime's operator set for the blocked layout. */
    public static final String DOMAIN = "com.microsoft.nchwc";

    private static final Set<String> ELEMENTWISE = Set.of("Relu", "LeakyRelu", "HardSigmoid", "Tanh", "Sigmoid", "Neg", "Abs",
            "Exp", "Log", "Sqrt", "Add", "Sub", "Mul", "Div", "Min", "Max");

    private final Graph src, out = new Graph();
    private final long block;
    private final Map<Value, Value> plain = new HashMap<>(), blocked = new HashMap<>();
    private final Map<Value, List<Node>> consumers = new HashMap<>();
    private final Map<Node, Integer> order = new HashMap<>();
    private final Set<Node> fused = new HashSet<>();
    private int lowered;

    private NchwcLayout(Graph src, long block) {
        this.src = src;
        this.block = block;
    }

    /**
     * The graph rewritten for blocks of {@code block} channels, or {@code g} itself when none of its convolutions
     * can use them.
     */
    public static Graph apply(Graph g, int block) {
        if (block < 4 || Integer.bitCount(block) != 1) throw new IllegalArgumentException("the channel block must be a power of 2 of at least 4, got " + block);
        NchwcLayout l = new NchwcLayout(g, block);
        l.rewrite();
        return l.lowered == 0 ? g : l.out;
    }

    private void rewrite() {
        List<Node> nodes = src.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            order.put(n, i);
            for (int k = 0; k < n.inputCount(); k++) consumers.computeIfAbsent(n.input(k), v -> new ArrayList<>()).add(n);
        }
        for (Value v : src.inputs().values()) plain.put(v, out.input(v.name(), v.dtype(), v.shape()));
        for (Node n : nodes) {
            for (int k = 0; k < n.inputCount(); k++) {
                Value v = n.input(k);
                if (v.producer() == null && !plain.containsKey(v)) plain.put(v, out.copyConstant(v));
            }
        }
        for (Node n : nodes) {
            if (fused.contains(n)) continue;
            if (n.op().equals("Identity") && n.domain().isEmpty()) {
                alias(n.out(), n.input(0));
            } else if (convEligible(n)) {
                lowerConv(n);
            } else if (elementwiseBlocked(n)) {
                Value[] in = new Value[n.inputCount()];
                for (int i = 0; i < in.length; i++) in[i] = n.input(i).size() == 1 ? plainOf(n.input(i)) : blockedOf(n.input(i));
                blocked.put(n.out(), out.node(n.domain(), n.op(), n.attrs(), in, new DType[] {n.out().dtype()}, new long[][] {n.out().shape()})[0]);
            } else {
                Value[] in = new Value[n.inputCount()];
                for (int i = 0; i < in.length; i++) in[i] = plainOf(n.input(i));
                DType[] types = new DType[n.outputCount()];
                long[][] shapes = new long[n.outputCount()][];
                for (int i = 0; i < types.length; i++) {
                    types[i] = n.output(i).dtype();
                    shapes[i] = n.output(i).shape();
                }
                Value[] res = out.node(n.domain(), n.op(), n.attrs(), in, types, shapes);
                for (int i = 0; i < res.length; i++) plain.put(n.output(i), res[i]);
            }
        }
        for (Map.Entry<String, Value> e : src.outputs().entrySet()) out.output(e.getKey(), plainOf(e.getValue()));
    }

    private void alias(Value to, Value from) {
        if (plain.containsKey(from)) plain.put(to, plain.get(from));
        if (blocked.containsKey(from)) blocked.put(to, blocked.get(from));
    }

    // ---------------------------------------------------------------- layouts

    private Value plainOf(Value v) {
        Value p = plain.get(v);
        if (p != null) return p;
        Value b = blocked.get(v);
        if (b == null) throw new IllegalStateException("NCHWc rewrite: " + v + " was used before it was computed");
        p = out.node(DOMAIN, "ReorderOutput", Map.of("channels", v.dim(1)), new Value[] {b}, new DType[] {DType.FLOAT}, new long[][] {v.shape()})[0];
        plain.put(v, p);
        return p;
    }

    private Value blockedOf(Value v) {
        Value b = blocked.get(v);
        if (b != null) return b;
        if (v.rank() != 4 || v.dim(1) % block != 0) throw new IllegalStateException("NCHWc rewrite: " + v + " cannot be blocked by " + block);
        b = reorderInput(out, plainOf(v));
        blocked.put(v, b);
        return b;
    }

    /** ONNX Runtime's conversion of a plain NCHW tensor to the blocked layout, which pads the channels to a block. */
    private static Value reorderInput(Graph g, Value x) {
        return g.node(DOMAIN, "ReorderInput", Map.of(), new Value[] {x}, new DType[] {DType.FLOAT}, new long[][] {x.shape()})[0];
    }

    /**
     * A one-op graph that converts a [1, 4, 1, 1] input {@code x} to the blocked layout: its output {@code y} has as
     * many channels as a block on this CPU ({@link Engine#channelBlock} runs it).
     */
    static Graph channelBlockProbe() {
        Graph g = new Graph();
        g.output("y", reorderInput(g, g.input("x", 1, 4, 1, 1)));
        return g;
    }

    private boolean isBlocked(Value v) {
        return blocked.containsKey(v);
    }

    /** An element-wise op on whole blocked activations (and single numbers), with at least one input already blocked. */
    private boolean elementwiseBlocked(Node n) {
        if (!n.domain().isEmpty() || !ELEMENTWISE.contains(n.op()) || n.outputCount() != 1) return false;
        Value y = n.out();
        if (y.dtype() != DType.FLOAT || y.rank() != 4 || y.dim(1) % block != 0) return false;
        boolean any = false;
        for (int i = 0; i < n.inputCount(); i++) {
            Value v = n.input(i);
            if (v.size() == 1 && v.dtype() == DType.FLOAT) continue;
            if (!java.util.Arrays.equals(v.shape(), y.shape()) || v.dtype() != DType.FLOAT) return false;
            any |= isBlocked(v);
        }
        return any;
    }

    // ---------------------------------------------------------------- convolutions

    private boolean convEligible(Node n) {
        if (!n.op().equals("Conv") || !n.domain().isEmpty() || n.attrs().containsKey("group") || n.attrs().containsKey("dilations")) return false;
        Value x = n.input(0), w = n.input(1);
        if (x.rank() != 4 || w.rank() != 4 || x.dtype() != DType.FLOAT) return false;
        long in = w.dim(1), outCh = w.dim(0);
        if (in % block != 0 && in >= block) return false;
        // worth it only when the result can stay blocked, or the input already is
        return outCh % block == 0 || isBlocked(x);
    }

    private void lowerConv(Node n) {
        Value x = n.input(0), w = n.input(1), b = n.inputCount() > 2 ? n.input(2) : null;
        long o = w.dim(0), i = w.dim(1), kh = w.dim(2), kw = w.dim(3);
        long op = (o + block - 1) / block * block;
        boolean blockedInput = i % block == 0;
        Value xin = blockedInput ? blockedOf(x) : plainOf(x);

        Value wm = plainOf(w), bm = b == null ? null : plainOf(b);
        if (op != o) {
            wm = out.concat(0, wm, out.zeros(op - o, i, kh, kw));
            if (bm != null) bm = out.concat(0, bm, out.zeros(op - o));
        }
        // OIHW to the provider's filter layouts: [O/B][I/B][kh][kw][Bi][Bo] for blocked input, [O/B][I][kh][kw][Bo] for plain
        Value wr = blockedInput
                ? out.reshape(out.transpose(out.reshape(wm, op / block, block, i / block, block, kh, kw), 0, 2, 4, 5, 3, 1), op, i, kh, kw)
                : out.reshape(out.transpose(out.reshape(wm, op / block, block, i, kh, kw), 0, 2, 3, 4, 1), op, i, kh, kw);

        Map<String, Object> attrs = new LinkedHashMap<>(n.attrs());
        Value result = n.out(), sum = null;
        List<Node> next = consumers.getOrDefault(result, List.of());
        if (op == o && next.size() == 1 && next.get(0).op().equals("Add") && next.get(0).domain().isEmpty()) {
            Node add = next.get(0);
            Value other = add.input(0) == result ? add.input(1) : add.input(0);
            boolean ready = other.producer() == null || order.get(other.producer()) < order.get(n);
            if (other != result && ready && java.util.Arrays.equals(other.shape(), result.shape()) && !src.outputs().containsValue(result)) {
                sum = other;
                fused.add(add);
                result = add.out();
                next = consumers.getOrDefault(result, List.of());
            }
        }
        if (next.size() == 1 && next.get(0).op().equals("Relu") && next.get(0).domain().isEmpty()) {
            attrs.put("activation", "Relu");
            fused.add(next.get(0));
            result = next.get(0).out();
        }
        List<Value> in = new ArrayList<>(List.of(xin, wr));
        if (bm != null || sum != null) in.add(bm != null ? bm : out.zeros(op));
        if (sum != null) in.add(blockedOf(sum));
        long[] shape = {x.dim(0), op, n.out().dim(2), n.out().dim(3)};
        Value y = out.node(DOMAIN, "Conv", attrs, in.toArray(new Value[0]), new DType[] {DType.FLOAT}, new long[][] {shape})[0];
        blocked.put(result, y);
        lowered++;
    }
}
