package org.simgan.nn;

import org.simgan.graph.Graph;
import org.simgan.graph.Value;

/** The layers the networks are made of, as functions of tensors. Parameters are named {@code prefix.w/.b}. */
public final class Layers {
    private Layers() {
    }

    /** A k x k convolution with bias to {@code out} channels. */
    public static Value conv(ParamBinder p, String name, Value x, int out, int k, int stride, int pad) {
        Graph g = x.graph();
        long in = x.dim(1);
        long fanIn = in * k * k;
        Value w = p.param(g, name + ".w", new long[] {out, in, k, k}, fanIn);
        Value b = p.param(g, name + ".b", new long[] {out}, fanIn);
        return g.conv(x, w, b, stride, pad);
    }

    /** A fully connected layer: [N, in] to [N, out]. */
    public static Value dense(ParamBinder p, String name, Value x, int out) {
        Graph g = x.graph();
        long in = x.dim(1);
        Value w = p.param(g, name + ".w", new long[] {in, out}, in);
        Value b = p.param(g, name + ".b", new long[] {out}, in);
        return x.matmul(w).add(b);
    }

    public static Value maxPool(Value x, int k, int stride) {
        return x.graph().maxPool(x, k, stride, 0)[0];
    }
}
