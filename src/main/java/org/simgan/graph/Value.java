package org.simgan.graph;

import java.util.Arrays;

/**
 * A tensor in a {@link Graph}: a graph input, a constant or an op's output. Shapes are known when the graph is
 * built; a dimension of -1 is symbolic (the batch of an exported model). The fluent methods add ops to the graph
 * this value belongs to, so gradient rules and layers read like formulas.
 */
public final class Value {
    final Graph graph;
    final String name;
    final DType dtype;
    final long[] shape;
    final Node producer;

    Value(Graph graph, String name, DType dtype, long[] shape, Node producer) {
        this.graph = graph;
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.producer = producer;
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    public int rank() {
        return shape.length;
    }

    /** The number of elements; -1 when a dimension is symbolic. */
    public long size() {
        long n = 1;
        for (long d : shape) {
            if (d < 0) return -1;
            n *= d;
        }
        return n;
    }

    public Graph graph() {
        return graph;
    }

    /** The node that computes this value, or null for graph inputs and constants. */
    public Node producer() {
        return producer;
    }

    public Value add(Value o) {
        return graph.add(this, o);
    }

    public Value sub(Value o) {
        return graph.sub(this, o);
    }

    public Value mul(Value o) {
        return graph.mul(this, o);
    }

    public Value div(Value o) {
        return graph.div(this, o);
    }

    public Value add(double c) {
        return graph.add(this, graph.scalar(c));
    }

    public Value mul(double c) {
        return graph.mul(this, graph.scalar(c));
    }

    public Value neg() {
        return graph.unary("Neg", this);
    }

    public Value sign() {
        return graph.unary("Sign", this);
    }

    public Value abs() {
        return graph.unary("Abs", this);
    }

    public Value exp() {
        return graph.unary("Exp", this);
    }

    public Value log() {
        return graph.unary("Log", this);
    }

    public Value sqrt() {
        return graph.unary("Sqrt", this);
    }

    public Value square() {
        return graph.mul(this, this);
    }

    public Value relu() {
        return graph.unary("Relu", this);
    }

    public Value tanh() {
        return graph.unary("Tanh", this);
    }

    public Value reshape(long... newShape) {
        return graph.reshape(this, newShape);
    }

    public Value transpose(int... perm) {
        return graph.transpose(this, perm);
    }

    public Value matmul(Value o) {
        return graph.matmul(this, o);
    }

    public Value sum(boolean keepDims, int... axes) {
        return graph.reduceSum(this, keepDims, axes);
    }

    /** Sum of all elements, as a scalar of shape []. */
    public Value sumAll() {
        int[] axes = new int[rank()];
        for (int i = 0; i < axes.length; i++) axes[i] = i;
        return graph.reduceSum(this, false, axes);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
