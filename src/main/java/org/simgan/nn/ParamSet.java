package org.simgan.nn;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A network's parameter values by name, each with its shape. Ordered as the network declares them. */
public final class ParamSet {

    /** One parameter tensor on the Java side. */
    public record Tensor(long[] shape, float[] data) {
        public Tensor {
            long n = 1;
            for (long d : shape) n *= d;
            if (n != data.length) throw new IllegalArgumentException(data.length + " values do not fill shape " + Arrays.toString(shape));
        }
    }

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    public void put(String name, long[] shape, float[] data) {
        tensors.put(name, new Tensor(shape.clone(), data));
    }

    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException("no parameter named '" + name + "'; parameters: " + tensors.keySet());
        return t;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public Map<String, Tensor> all() {
        return Collections.unmodifiableMap(tensors);
    }

    /** The total number of values. */
    public long count() {
        long n = 0;
        for (Tensor t : tensors.values()) n += t.data.length;
        return n;
    }
}
