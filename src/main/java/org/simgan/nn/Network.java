package org.simgan.nn;

import java.util.SplittableRandom;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;

/**
 * A network defined once, as a forward pass over a [N, 1, H, W] image batch. Training builds it with
 * parameters as graph inputs, export with parameters as constants, through {@link ParamBinder}.
 */
public interface Network {

    /** A short name; it also prefixes every parameter name (for example {@code R.head.w}). */
    String name();

    /** The name of the output of an exported model ({@code refined}, {@code logits}, {@code gaze}). */
    String outputName();

    int height();

    int width();

    /** Builds the forward pass on {@code x} ([N, 1, height, width]). */
    Value forward(ParamBinder p, Value x);

    /** The parameters this network asks for, with their shapes. */
    default java.util.Map<String, ParamBinder.Spec> specs() {
        Graph g = new Graph();
        ParamBinder p = ParamBinder.asInputs();
        forward(p, g.input("x", 1, 1, height(), width()));
        return p.specs();
    }

    /**
     * Fresh parameters from a seed, reproducibly: weights and biases uniform in +-1/sqrt(fan-in) (PyTorch's default
     * for convolutions and linear layers). Each tensor draws from its own stream derived from the seed and its
     * name, so adding a layer does not change the others.
     */
    default ParamSet initialize(long seed) {
        ParamSet set = new ParamSet();
        for (ParamBinder.Spec s : specs().values()) {
            long n = 1;
            for (long d : s.shape()) n *= d;
            float[] data = new float[(int) n];
            double bound = 1 / Math.sqrt(s.fanIn());
            SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ s.name().hashCode());
            for (int i = 0; i < data.length; i++) data[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
            set.put(s.name(), s.shape(), data);
        }
        return set;
    }
}
