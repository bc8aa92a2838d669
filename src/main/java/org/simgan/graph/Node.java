package org.simgan.graph;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** One operator application: an ONNX op type, its inputs, outputs and attributes. Immutable once built. */
public final class Node {
    final String domain;
    final String op;
    final Value[] inputs;
    final Value[] outputs;
    final Map<String, Object> attrs;

    Node(String op, Value[] inputs, int outputCount, Map<String, Object> attrs) {
        this("", op, inputs, outputCount, attrs);
    }

    /** A node of an operator set other than the default ONNX one (for example ONNX Runtime's own operators). */
    Node(String domain, String op, Value[] inputs, int outputCount, Map<String, Object> attrs) {
        this.domain = domain;
        this.op = op;
        this.inputs = inputs;
        this.outputs = new Value[outputCount];
        // sorted by name: the attributes of Map.of come in an order that changes from one JVM run to the next, and a
        // model written from the same graph should be the same bytes every time
        this.attrs = Collections.unmodifiableMap(new TreeMap<>(attrs));
    }

    public String op() {
        return op;
    }

    /** The operator set: "" for standard ONNX. */
    public String domain() {
        return domain;
    }

    public Value input(int i) {
        return inputs[i];
    }

    public int inputCount() {
        return inputs.length;
    }

    public int outputCount() {
        return outputs.length;
    }

    public Value output(int i) {
        return outputs[i];
    }

    /** The first output: the differentiable one for every op here. */
    public Value out() {
        return outputs[0];
    }

    public long attrLong(String name) {
        return (Long) attrs.get(name);
    }

    public float attrFloat(String name) {
        return (Float) attrs.get(name);
    }

    public long[] attrLongs(String name) {
        return (long[]) attrs.get(name);
    }

    public Object attr(String name) {
        return attrs.get(name);
    }

    /** Every attribute, by name (read-only). */
    public Map<String, Object> attrs() {
        return attrs;
    }
}
