package org.simgan.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an ONNX graph in Java. Every op method checks its operands' shapes, works out the output shape, and
 * records a {@link Node}; {@link Gradients} later walks the nodes backwards. {@link #toModel} writes the graph as
 * an ONNX model (opset {@value #OPSET}) that ONNX Runtime runs.
 */
public final class Graph {
    public static final int OPSET = 17;
    private static final long IR_VERSION = 8;

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Value> inputs = new LinkedHashMap<>();
    private final Map<String, Value> outputs = new LinkedHashMap<>();
    private final Map<String, Constant> constants = new LinkedHashMap<>();
    private final Map<String, Value> constantCache = new HashMap<>();
    private final Map<String, Integer> nameCounts = new HashMap<>();

    private record Constant(Value value, float[] floats, long[] longs) {
    }

    // ---------------------------------------------------------------- inputs, constants, outputs

    /** A float graph input; use -1 for a symbolic dimension. */
    public Value input(String name, long... shape) {
        return input(name, DType.FLOAT, shape);
    }

    public Value input(String name, DType dtype, long... shape) {
        if (inputs.containsKey(name) || constants.containsKey(name)) {
            throw new IllegalArgumentException("graph already has a tensor named '" + name + "'");
        }
        Value v = new Value(this, name, dtype, shape, null);
        inputs.put(name, v);
        nameCounts.merge(name, 1, Integer::sum);
        return v;
    }

    /** A float constant stored in the model (an initializer). */
    public Value constant(String hint, float[] data, long... shape) {
        checkSize(hint, data.length, shape);
        String name = uniqueName(hint);
        Value v = new Value(this, name, DType.FLOAT, shape, null);
        constants.put(name, new Constant(v, data.clone(), null));
        return v;
    }

    /** An int64 constant (shapes, axes). Identical constants are shared. */
    public Value constantLongs(long[] data, long... shape) {
        checkSize("int64 constant", data.length, shape);
        String key = "L" + Arrays.toString(shape) + Arrays.toString(data);
        return constantCache.computeIfAbsent(key, k -> {
            String name = uniqueName("const_i64");
            Value v = new Value(this, name, DType.INT64, shape, null);
            constants.put(name, new Constant(v, null, data.clone()));
            return v;
        });
    }

    /** A 1-D int64 constant. */
    public Value longs(long... data) {
        return constantLongs(data, data.length);
    }

    /** A float scalar constant of shape []. Identical scalars are shared. */
    public Value scalar(double c) {
        float f = (float) c;
        String key = "S" + Float.floatToIntBits(f);
        return constantCache.computeIfAbsent(key, k -> {
            String name = uniqueName("const_f");
            Value v = new Value(this, name, DType.FLOAT, new long[0], null);
            constants.put(name, new Constant(v, new float[] {f}, null));
            return v;
        });
    }

    /** Makes {@code v} a graph output under {@code name} (through an Identity node when it has another name). */
    public Value output(String name, Value v) {
        own(v);
        if (outputs.containsKey(name)) throw new IllegalArgumentException("graph already has an output named '" + name + "'");
        Value out = v;
        if (!v.name.equals(name)) {
            if (nameCounts.containsKey(name)) throw new IllegalArgumentException("graph already has a tensor named '" + name + "'");
            nameCounts.put(name, 1);
            Node n = new Node("Identity", new Value[] {v}, 1, Map.of());
            out = new Value(this, name, v.dtype, v.shape, n);
            n.outputs[0] = out;
            nodes.add(n);
        }
        outputs.put(name, out);
        return out;
    }

    public Map<String, Value> inputs() {
        return Collections.unmodifiableMap(inputs);
    }

    public Map<String, Value> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** The values of an int64 constant this graph holds. */
    long[] constantLongValues(Value v) {
        Constant c = constants.get(v.name);
        if (c == null || c.longs == null) throw new IllegalArgumentException(v + " is not an int64 constant of this graph");
        return c.longs.clone();
    }

    /** A constant of another graph, copied under the same name (for rewrites that build one graph from another). */
    public Value copyConstant(Value c) {
        Constant k = c.graph.constants.get(c.name);
        if (k == null || k.value != c) throw new IllegalArgumentException(c + " is not a constant of its graph");
        if (nameCounts.containsKey(c.name)) throw new IllegalArgumentException("graph already has a tensor named '" + c.name + "'");
        Value v = new Value(this, c.name, c.dtype, c.shape, null);
        constants.put(c.name, new Constant(v, k.floats, k.longs));
        nameCounts.put(c.name, 1);
        return v;
    }

    public boolean isConstant(Value v) {
        return constants.containsKey(v.name) && constants.get(v.name).value == v;
    }

    // ---------------------------------------------------------------- the generic node builder

    /** Adds a node and returns its outputs; {@code shapes[i]}/{@code types[i]} describe output i. */
    Value[] node(String op, Map<String, Object> attrs, Value[] in, DType[] types, long[][] shapes) {
        return node("", op, attrs, in, types, shapes);
    }

    /**
     * A node of any op, standard ONNX ({@code domain} "") or of another operator set such as ONNX Runtime's own,
     * whose output types and shapes the caller states: nothing about them is checked. For ops this builder has no
     * method for, and for rewrites that build one graph from another to run (the gradient rules are for standard
     * ONNX ops). Returns the node's outputs.
     */
    public Value[] node(String domain, String op, Map<String, Object> attrs, Value[] in, DType[] types, long[][] shapes) {
        if (types.length != shapes.length) throw new IllegalArgumentException(op + ": " + types.length + " output types for " + shapes.length + " shapes");
        for (Value v : in) own(v);
        Node n = new Node(domain, op, in, shapes.length, attrs);
        for (int i = 0; i < shapes.length; i++) {
            n.outputs[i] = new Value(this, uniqueName(op.toLowerCase()), types[i], shapes[i], n);
        }
        nodes.add(n);
        return n.outputs;
    }

    Value node1(String op, Map<String, Object> attrs, long[] shape, Value... in) {
        return node(op, attrs, in, new DType[] {in[0].dtype}, new long[][] {shape})[0];
    }

    // ---------------------------------------------------------------- element-wise ops

    public Value unary(String op, Value x) {
        return node1(op, Map.of(), x.shape, x);
    }

    public Value add(Value a, Value b) {
        return binary("Add", a, b);
    }

    public Value sub(Value a, Value b) {
        return binary("Sub", a, b);
    }

    public Value mul(Value a, Value b) {
        return binary("Mul", a, b);
    }

    public Value div(Value a, Value b) {
        return binary("Div", a, b);
    }

    public Value binary(String op, Value a, Value b) {
        return node1(op, Map.of(), broadcast(op, a, b), a, b);
    }

    /**
     * 1 where {@code x > 0}, else 0, as floats: HardSigmoid (clamp(a * x, 0, 1)) with slope a = 2^127, twice, so
     * that even the smallest subnormal reaches 1. ONNX Runtime runs it vectorised, unlike Greater and Where.
     */
    public Value positiveMask(Value x) {
        Map<String, Object> steep = Map.of("alpha", (float) Math.scalb(1.0, 127), "beta", 0f);
        return node1("HardSigmoid", steep, x.shape, node1("HardSigmoid", steep, x.shape, x));
    }

    public Value leakyRelu(Value x, double alpha) {
        return node1("LeakyRelu", Map.of("alpha", (float) alpha), x.shape, x);
    }

    public Value greater(Value a, Value b) {
        return node("Greater", Map.of(), new Value[] {a, b}, new DType[] {DType.BOOL}, new long[][] {broadcast("Greater", a, b)})[0];
    }

    /** An element-wise comparison ({@code Equal}, {@code Less}, {@code LessOrEqual}, {@code Greater}, ...): booleans. */
    public Value compare(String op, Value a, Value b) {
        return node(op, Map.of(), new Value[] {a, b}, new DType[] {DType.BOOL}, new long[][] {broadcast(op, a, b)})[0];
    }

    /** {@code data} gathered along {@code axis} at the int64 {@code indices} (ONNX GatherElements): the shape of indices. */
    public Value gatherElements(Value data, Value indices, int axis) {
        if (indices.dtype != DType.INT64) throw new IllegalArgumentException("gatherElements needs int64 indices, got " + indices);
        return node1("GatherElements", Map.of("axis", (long) axis), indices.shape, data, indices);
    }

    public Value cast(Value x, DType to) {
        return node("Cast", Map.of("to", (long) to.onnx.getNumber()), new Value[] {x}, new DType[] {to}, new long[][] {x.shape})[0];
    }

    public Value where(Value cond, Value a, Value b) {
        long[] s = broadcastShapes("Where", broadcastShapes("Where", cond.shape, a.shape), b.shape);
        return node("Where", Map.of(), new Value[] {cond, a, b}, new DType[] {a.dtype}, new long[][] {s})[0];
    }

    // ---------------------------------------------------------------- shape ops

    /** Reshape to a fully known shape, or one with a single -1 (inferred). */
    public Value reshape(Value x, long... shape) {
        long known = 1;
        int free = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (free >= 0) throw new IllegalArgumentException("reshape of " + x + ": at most one -1 in " + Arrays.toString(shape));
                free = i;
            } else {
                known *= shape[i];
            }
        }
        long[] out = shape.clone();
        long size = x.size();
        if (free >= 0) {
            out[free] = size < 0 ? -1 : size / known;
        }
        if (size >= 0 && free < 0 && known != size || size >= 0 && free >= 0 && size % known != 0) {
            throw new IllegalArgumentException("cannot reshape " + x + " (" + size + " elements) to " + Arrays.toString(shape));
        }
        return node1("Reshape", Map.of(), out, x, longs(shape));
    }

    /** Flattens all axes from 1 on: [N, ...] to [N, rest]. Keeps a symbolic batch symbolic. */
    public Value flatten(Value x) {
        long rest = 1;
        for (int i = 1; i < x.rank(); i++) rest *= x.shape[i];
        return node1("Flatten", Map.of("axis", 1L), new long[] {x.shape[0], rest}, x);
    }

    public Value transpose(Value x, int... perm) {
        if (perm.length != x.rank()) throw new IllegalArgumentException("transpose of " + x + ": permutation " + Arrays.toString(perm) + " has the wrong length");
        long[] out = new long[perm.length];
        long[] p = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = x.shape[perm[i]];
            p[i] = perm[i];
        }
        return node1("Transpose", Map.of("perm", p), out, x);
    }

    /** Broadcasts {@code x} to {@code shape} (numpy rules). */
    public Value expand(Value x, long... shape) {
        return node1("Expand", Map.of(), broadcastShapes("Expand", x.shape, shape), x, longs(shape));
    }

    public Value concat(int axis, Value... parts) {
        long[] out = parts[0].shape.clone();
        out[axis] = 0;
        for (Value p : parts) {
            for (int i = 0; i < out.length; i++) {
                if (i != axis && p.shape[i] != parts[0].shape[i]) throw new IllegalArgumentException("concat: " + p + " does not fit " + parts[0]);
            }
            out[axis] = out[axis] < 0 || p.shape[axis] < 0 ? -1 : out[axis] + p.shape[axis];
        }
        return node1("Concat", Map.of("axis", (long) axis), out, parts);
    }

    /** Elements {@code start..end-1} along {@code axis}. */
    public Value slice(Value x, int axis, long start, long end) {
        long[] out = x.shape.clone();
        out[axis] = end - start;
        return node1("Slice", Map.of(), out, x, longs(start), longs(end), longs(axis));
    }

    /**
     * Every {@code step}-th element along each axis from {@code start} (inclusive) towards {@code end}
     * (exclusive); a negative step walks backwards, and an end of {@link Long#MIN_VALUE} means past the first.
     */
    public Value slice(Value x, long[] axes, long[] starts, long[] ends, long[] steps) {
        long[] out = x.shape.clone();
        for (int i = 0; i < axes.length; i++) {
            int a = (int) axes[i];
            long n = x.shape[a];
            long from = Math.max(Math.min(starts[i], n - 1), 0), to = ends[i] == Long.MIN_VALUE ? -1 : ends[i];
            out[a] = steps[i] > 0 ? Math.max(0, (Math.min(to, n) - starts[i] + steps[i] - 1) / steps[i])
                    : Math.max(0, (from - to + (-steps[i]) - 1) / -steps[i]);
        }
        return node1("Slice", Map.of(), out, x, longs(starts), longs(ends), longs(axes), longs(steps));
    }

    /** Reverses {@code x} along the given axes (used to flip convolution kernels). */
    public Value flip(Value x, int... axes) {
        long[] starts = new long[axes.length], ends = new long[axes.length], ax = new long[axes.length], steps = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            starts[i] = -1;
            ends[i] = Long.MIN_VALUE;
            ax[i] = axes[i];
            steps[i] = -1;
        }
        return node1("Slice", Map.of(), x.shape, x, longs(starts), longs(ends), longs(ax), longs(steps));
    }

    /** Zero padding: {@code begin[i]} zeros before and {@code end[i]} after along each axis i. */
    public Value pad(Value x, long[] begin, long[] end) {
        long[] out = x.shape.clone();
        long[] pads = new long[2 * x.rank()];
        for (int i = 0; i < x.rank(); i++) {
            out[i] += begin[i] + end[i];
            pads[i] = begin[i];
            pads[x.rank() + i] = end[i];
        }
        return node1("Pad", Map.of(), out, x, longs(pads));
    }

    /**
     * Reflection padding of the last two (spatial) axes: {@code top}/{@code bottom} rows and {@code left}/{@code right}
     * columns mirrored about the border pixels (ONNX Pad, mode "reflect"; each pad must be smaller than its axis).
     * Meant for data inputs: it has no gradient rule.
     */
    public Value reflectPad(Value x, long top, long bottom, long left, long right) {
        int r = x.rank();
        if (r < 2) throw new IllegalArgumentException("reflection padding needs two spatial axes, got " + x);
        long h = x.shape[r - 2], w = x.shape[r - 1];
        if ((h >= 0 && Math.max(top, bottom) >= h) || (w >= 0 && Math.max(left, right) >= w) || Math.min(Math.min(top, bottom), Math.min(left, right)) < 0) {
            throw new IllegalArgumentException("reflection padding of " + x + " by " + top + "/" + bottom + " rows and " + left + "/" + right
                    + " columns: each pad must be 0 or more and smaller than the image side it mirrors");
        }
        long[] out = x.shape.clone();
        if (h >= 0) out[r - 2] = h + top + bottom;
        if (w >= 0) out[r - 1] = w + left + right;
        long[] pads = new long[2 * r];
        pads[r - 2] = top;
        pads[r - 1] = left;
        pads[2 * r - 2] = bottom;
        pads[2 * r - 1] = right;
        return node1("Pad", Map.of("mode", "reflect"), out, x, longs(pads));
    }

    /** A float tensor of zeros of a fully known shape (built at run time, not stored). */
    public Value zeros(long... shape) {
        TensorProto zero = TensorProto.newBuilder().setDataType(DType.FLOAT.onnx.getNumber()).addDims(1).addFloatData(0f).build();
        return node("ConstantOfShape", Map.of("value", zero), new Value[] {longs(shape)}, new DType[] {DType.FLOAT}, new long[][] {shape})[0];
    }

    // ---------------------------------------------------------------- reductions

    public Value reduceSum(Value x, boolean keepDims, int... axes) {
        long[] ax = normalizeAxes(x, axes);
        return node1("ReduceSum", Map.of("keepdims", keepDims ? 1L : 0L), reducedShape(x, ax, keepDims), x, longs(ax));
    }

    public Value reduceMin(Value x, boolean keepDims, int... axes) {
        long[] ax = normalizeAxes(x, axes);
        return node1("ReduceMin", Map.of("keepdims", keepDims ? 1L : 0L, "axes", ax), reducedShape(x, ax, keepDims), x);
    }

    public Value reduceMean(Value x, boolean keepDims, int... axes) {
        long[] ax = normalizeAxes(x, axes);
        return node1("ReduceMean", Map.of("keepdims", keepDims ? 1L : 0L, "axes", ax), reducedShape(x, ax, keepDims), x);
    }

    // ---------------------------------------------------------------- network ops

    /** 2-D convolution, NCHW, weights [M, C, kh, kw], optional bias [M]; symmetric padding. */
    public Value conv(Value x, Value w, Value b, int stride, int pad) {
        return conv(x, w, b, stride, new long[] {pad, pad, pad, pad});
    }

    /** 2-D convolution with padding {top, left, bottom, right}. */
    public Value conv(Value x, Value w, Value b, int stride, long[] pads) {
        if (x.rank() != 4 || w.rank() != 4) throw new IllegalArgumentException("conv needs NCHW input and [M,C,kh,kw] weights, got " + x + " and " + w);
        if (x.shape[1] != w.shape[1]) {
            throw new IllegalArgumentException("conv: input " + x + " has " + x.shape[1] + " channels but weights " + w + " expect " + w.shape[1]);
        }
        if (b != null && (b.rank() != 1 || b.shape[0] != w.shape[0])) throw new IllegalArgumentException("conv: bias " + b + " must be [" + w.shape[0] + "]");
        long kh = w.shape[2], kw = w.shape[3];
        long[] out = {x.shape[0], w.shape[0], convOut(x.shape[2], kh, stride, pads[0], pads[2]), convOut(x.shape[3], kw, stride, pads[1], pads[3])};
        if (out[2] <= 0 || out[3] <= 0) throw new IllegalArgumentException("conv: input " + x + " is too small for kernel " + kh + "x" + kw);
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("kernel_shape", new long[] {kh, kw});
        attrs.put("strides", new long[] {stride, stride});
        attrs.put("pads", pads.clone());
        Value[] in = b == null ? new Value[] {x, w} : new Value[] {x, w, b};
        return node1("Conv", attrs, out, in);
    }

    /** Max pooling; returns {values, flat int64 indices into the N*C*H*W input}. */
    public Value[] maxPool(Value x, int kernel, int stride, int pad) {
        long[] out = {x.shape[0], x.shape[1], poolOut(x.shape[2], kernel, stride, pad), poolOut(x.shape[3], kernel, stride, pad)};
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("kernel_shape", new long[] {kernel, kernel});
        attrs.put("strides", new long[] {stride, stride});
        attrs.put("pads", new long[] {pad, pad, pad, pad});
        return node("MaxPool", attrs, new Value[] {x}, new DType[] {DType.FLOAT, DType.INT64}, new long[][] {out, out});
    }

    /** Matrix product with numpy broadcasting over leading axes. */
    public Value matmul(Value a, Value b) {
        if (a.rank() < 2 || b.rank() < 2) throw new IllegalArgumentException("matmul needs rank >= 2, got " + a + " and " + b);
        if (a.dim(-1) != b.dim(-2)) throw new IllegalArgumentException("matmul: " + a + " times " + b + ": inner sizes differ");
        long[] batchA = Arrays.copyOf(a.shape, a.rank() - 2), batchB = Arrays.copyOf(b.shape, b.rank() - 2);
        long[] batch = broadcastShapes("MatMul", batchA, batchB);
        long[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = a.dim(-2);
        out[batch.length + 1] = b.dim(-1);
        return node1("MatMul", Map.of(), out, a, b);
    }

    public Value logSoftmax(Value x, int axis) {
        return node1("LogSoftmax", Map.of("axis", (long) axis), x.shape, x);
    }

    public Value softmax(Value x, int axis) {
        return node1("Softmax", Map.of("axis", (long) axis), x.shape, x);
    }

    /** Scatter-add of {@code updates} into {@code data} at {@code indices} along {@code axis}. */
    public Value scatterAdd(Value data, Value indices, Value updates, int axis) {
        return node1("ScatterElements", Map.of("axis", (long) axis, "reduction", "add"), data.shape, data, indices, updates);
    }

    // ---------------------------------------------------------------- shape helpers

    static long convOut(long in, long k, long stride, long padBegin, long padEnd) {
        return in < 0 ? -1 : (in + padBegin + padEnd - k) / stride + 1;
    }

    static long poolOut(long in, long k, long stride, long pad) {
        return in < 0 ? -1 : (in + 2 * pad - k) / stride + 1;
    }

    private long[] broadcast(String op, Value a, Value b) {
        return broadcastShapes(op + " of " + a + " and " + b, a.shape, b.shape);
    }

    static long[] broadcastShapes(String what, long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long da = i < r - a.length ? 1 : a[i - (r - a.length)];
            long db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da == db || db == 1) out[i] = da;
            else if (da == 1) out[i] = db;
            else throw new IllegalArgumentException(what + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
        }
        return out;
    }

    private static long[] normalizeAxes(Value x, int[] axes) {
        long[] out = new long[axes.length];
        for (int i = 0; i < axes.length; i++) out[i] = axes[i] < 0 ? axes[i] + x.rank() : axes[i];
        Arrays.sort(out);
        return out;
    }

    private static long[] reducedShape(Value x, long[] axes, boolean keep) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < x.rank(); i++) {
            boolean reduced = Arrays.binarySearch(axes, i) >= 0;
            if (!reduced) out.add(x.shape[i]);
            else if (keep) out.add(1L);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static void checkSize(String what, int length, long[] shape) {
        long n = 1;
        for (long d : shape) n *= d;
        if (n != length) throw new IllegalArgumentException(what + ": " + length + " values do not fill shape " + Arrays.toString(shape));
    }

    private void own(Value v) {
        if (v.graph != this) throw new IllegalArgumentException("tensor " + v + " belongs to another graph");
    }

    private String uniqueName(String hint) {
        int n = nameCounts.merge(hint, 1, Integer::sum);
        String name = n == 1 ? hint : hint + "_" + (n - 1);
        while (n > 1 && nameCounts.containsKey(name)) {
            n = nameCounts.merge(hint, 1, Integer::sum);
            name = hint + "_" + (n - 1);
        }
        nameCounts.putIfAbsent(name, 1);
        return name;
    }

    // ---------------------------------------------------------------- serialization

    /** The graph as an ONNX model with the given metadata (key/value pairs kept in order). */
    public ModelProto toModel(String graphName, Map<String, String> metadata) {
        GraphProto.Builder g = GraphProto.newBuilder().setName(graphName);
        for (Value v : inputs.values()) g.addInput(valueInfo(v));
        for (Value v : outputs.values()) g.addOutput(valueInfo(v));
        for (Constant c : constants.values()) g.addInitializer(tensorProto(c));
        java.util.Set<String> domains = new java.util.TreeSet<>();
        for (Node n : nodes) {
            NodeProto.Builder nb = NodeProto.newBuilder().setOpType(n.op).setName(n.outputs[0].name);
            if (!n.domain.isEmpty()) {
                nb.setDomain(n.domain);
                domains.add(n.domain);
            }
            for (Value in : n.inputs) nb.addInput(in.name);
            for (Value out : n.outputs) nb.addOutput(out.name);
            n.attrs.forEach((k, v) -> nb.addAttribute(attribute(k, v)));
            g.addNode(nb);
        }
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("simgan-imagej")
                .setProducerVersion(org.simgan.Version.VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g);
        for (String d : domains) m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(d).setVersion(1));
        metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    private static ValueInfoProto valueInfo(Value v) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : v.shape) {
            if (d < 0) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
            else s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto t = TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(v.dtype.onnx.getNumber()).setShape(s)).build();
        return ValueInfoProto.newBuilder().setName(v.name).setType(t).build();
    }

    private static TensorProto tensorProto(Constant c) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(c.value.name).setDataType(c.value.dtype.onnx.getNumber());
        for (long d : c.value.shape) t.addDims(d);
        if (c.floats != null) {
            ByteBuffer buf = ByteBuffer.allocate(c.floats.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(c.floats);
            t.setRawData(ByteString.copyFrom(buf));
        } else {
            ByteBuffer buf = ByteBuffer.allocate(c.longs.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            buf.asLongBuffer().put(c.longs);
            t.setRawData(ByteString.copyFrom(buf));
        }
        return t.build();
    }

    private static AttributeProto attribute(String name, Object v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (v instanceof Long l) a.setType(AttributeProto.AttributeType.INT).setI(l);
        else if (v instanceof Float f) a.setType(AttributeProto.AttributeType.FLOAT).setF(f);
        else if (v instanceof String s) a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
        else if (v instanceof long[] ls) {
            a.setType(AttributeProto.AttributeType.INTS);
            for (long l : ls) a.addInts(l);
        } else if (v instanceof TensorProto t) a.setType(AttributeProto.AttributeType.TENSOR).setT(t);
        else throw new IllegalArgumentException("attribute " + name + " of unsupported type " + v.getClass());
        return a.build();
    }
}
