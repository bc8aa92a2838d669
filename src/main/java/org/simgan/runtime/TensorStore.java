package org.simgan.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named float tensors that live in ONNX Runtime between runs: network parameters and optimizer state. Sessions
 * read their inputs from here and write their {@code NAME.next} outputs back, so one step's results feed the next
 * step without a copy through Java arrays. Several sessions may share one store (the refiner's parameters are
 * updated by its own step and read by the discriminator's).
 */
public final class TensorStore implements AutoCloseable {
    private final Map<String, OnnxTensor> tensors = new LinkedHashMap<>();

    /** Sets a tensor from Java values (copied), replacing and freeing any previous one. */
    public void put(String name, float[] data, long... shape) {
        long n = 1;
        for (long d : shape) n *= d;
        if (n != data.length) throw new EngineException("tensor '" + name + "': " + data.length + " values for shape " + Arrays.toString(shape));
        try {
            replace(name, OnnxTensor.createTensor(Engine.environment(), FloatBuffer.wrap(data), shape));
        } catch (OrtException e) {
            throw new EngineException("could not create tensor '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Takes ownership of a tensor produced by a run. */
    void replace(String name, OnnxTensor t) {
        OnnxTensor old = tensors.put(name, t);
        if (old != null && old != t) old.close();
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    OnnxTensor tensor(String name) {
        OnnxTensor t = tensors.get(name);
        if (t == null) throw new EngineException("no tensor named '" + name + "' is held");
        return t;
    }

    /** A copy of the tensor's values. */
    public float[] get(String name) {
        FloatBuffer b = tensor(name).getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    public long[] shape(String name) {
        return tensor(name).getInfo().getShape();
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    @Override
    public void close() {
        tensors.values().forEach(OnnxTensor::close);
        tensors.clear();
    }
}
