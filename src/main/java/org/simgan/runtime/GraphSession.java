package org.simgan.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph opened in ONNX Runtime and run step after step. Inputs held in a {@link TensorStore} are read from it;
 * every other input is fed by the caller each run, checked against the graph's shape first. An output named
 * {@code X.next} replaces store tensor {@code X} after the run; the other outputs are returned as Java arrays.
 * Outputs named in {@link #checkFinite} must be finite numbers, or the run changes nothing and throws
 * {@link NonFiniteException}.
 */
public final class GraphSession implements AutoCloseable {
    public static final String NEXT = ".next";

    private final String name;
    private final OrtSession session;
    private final TensorStore store;
    private final Map<String, long[]> inputShapes = new LinkedHashMap<>();
    private final Set<String> finiteChecked = new java.util.HashSet<>();

    /** Opens a graph built in Java, in the form the engine runs best ({@link Engine#model}). */
    public GraphSession(String name, Engine engine, org.simgan.graph.Graph graph, TensorStore store, boolean fullOptimization) {
        this(name, engine, engine.model(graph, name), store, fullOptimization);
    }

    public GraphSession(String name, Engine engine, ModelProto model, TensorStore store, boolean fullOptimization) {
        this.name = name;
        this.store = store;
        this.session = engine.open(model, fullOptimization);
        try {
            for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                inputShapes.put(e.getKey(), ((TensorInfo) e.getValue().getInfo()).getShape());
            }
        } catch (OrtException e) {
            closeQuietly(session);
            throw new EngineException(name + ": could not read the graph's inputs: " + e.getMessage(), e);
        }
    }

    /** Names outputs (losses) that must come out finite for a step to be applied. */
    public GraphSession checkFinite(String... outputs) {
        finiteChecked.addAll(Arrays.asList(outputs));
        return this;
    }

    /** One run: the feeds in, store updates applied, the other outputs returned. */
    public Map<String, float[]> run(Map<String, float[]> feeds) {
        Map<String, OnnxTensor> in = new HashMap<>();
        List<OnnxTensor> created = new ArrayList<>();
        try {
            for (Map.Entry<String, long[]> e : inputShapes.entrySet()) {
                String input = e.getKey();
                float[] fed = feeds.get(input);
                if (fed != null) {
                    OnnxTensor t = OnnxTensor.createTensor(Engine.environment(), FloatBuffer.wrap(fed), concrete(input, e.getValue(), fed.length));
                    created.add(t);
                    in.put(input, t);
                } else if (store.contains(input)) {
                    long[] have = store.shape(input);
                    if (!fits(have, e.getValue())) {
                        throw new EngineException(name + ": tensor '" + input + "' has shape " + Arrays.toString(have)
                                + " but the graph expects " + Arrays.toString(e.getValue()));
                    }
                    in.put(input, store.tensor(input));
                } else {
                    throw new EngineException(name + ": missing input '" + input + "' of shape " + Arrays.toString(e.getValue()));
                }
            }
            for (String k : feeds.keySet()) {
                if (!inputShapes.containsKey(k)) throw new EngineException(name + ": the graph has no input named '" + k + "'; inputs: " + inputShapes.keySet());
            }
            OrtSession.Result result = session.run(in);
            return collect(result);
        } catch (OrtException e) {
            throw new EngineException(name + ": ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            created.forEach(OnnxTensor::close);
        }
    }

    private Map<String, float[]> collect(OrtSession.Result result) {
        Map<String, float[]> plain = new LinkedHashMap<>();
        Map<String, OnnxTensor> next = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxValue> e : result) {
            OnnxTensor t = (OnnxTensor) e.getValue();
            if (e.getKey().endsWith(NEXT)) {
                next.put(e.getKey().substring(0, e.getKey().length() - NEXT.length()), t);
            } else {
                FloatBuffer b = t.getFloatBuffer();
                float[] v = new float[b.remaining()];
                b.get(v);
                plain.put(e.getKey(), v);
                t.close();
            }
        }
        for (String loss : finiteChecked) {
            float[] v = plain.get(loss);
            if (v == null) continue;
            for (float f : v) {
                if (!Float.isFinite(f)) {
                    next.values().forEach(OnnxTensor::close);
                    throw new NonFiniteException(loss, f);
                }
            }
        }
        next.forEach(store::replace);
        return plain;
    }

    private long[] concrete(String input, long[] expected, int length) {
        long known = 1;
        int free = -1;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] < 0) free = i;
            else known *= expected[i];
        }
        long[] shape = expected.clone();
        if (free >= 0 && length % known == 0) shape[free] = length / known;
        long n = 1;
        for (long d : shape) n *= d;
        if (n != length) {
            throw new EngineException(name + ": input '" + input + "' got " + length + " values but the graph expects shape "
                    + Arrays.toString(expected));
        }
        return shape;
    }

    private static boolean fits(long[] have, long[] expected) {
        if (have.length != expected.length) return false;
        for (int i = 0; i < have.length; i++) if (expected[i] >= 0 && have[i] != expected[i]) return false;
        return true;
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException ignored) {
            // already failing; the first error is the one to report
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new EngineException(name + ": could not close the session: " + e.getMessage(), e);
        }
    }
}
