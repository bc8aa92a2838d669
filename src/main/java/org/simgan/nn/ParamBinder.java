package org.simgan.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;

/**
 * Where a network's forward pass gets its parameters from. The same forward definition is built with parameters
 * as graph inputs (for training: they change every step) or as constants holding trained values (for an exported
 * model). Every parameter a network asks for is recorded with its shape and fan-in.
 */
public abstract class ParamBinder {

    /** What a layer declares about a parameter: its shape and fan-in (for the default initialisation). */
    public record Spec(String name, long[] shape, long fanIn) {
    }

    private final Map<String, Spec> specs = new LinkedHashMap<>();

    /** The parameter {@code name} of the given shape. */
    public final Value param(Graph g, String name, long[] shape, long fanIn) {
        Spec previous = specs.get(name);
        if (previous != null) throw new IllegalArgumentException("parameter '" + name + "' declared twice");
        specs.put(name, new Spec(name, shape.clone(), fanIn));
        return bind(g, name, shape);
    }

    protected abstract Value bind(Graph g, String name, long[] shape);

    /** The parameters asked for so far, in order. */
    public Map<String, Spec> specs() {
        return specs;
    }

    /** The graph inputs that hold the parameters asked for so far (for a binder made by {@link #asInputs}). */
    public java.util.List<Value> inputs(Graph g) {
        java.util.List<Value> out = new java.util.ArrayList<>();
        for (String name : specs.keySet()) out.add(g.inputs().get(name));
        return out;
    }

    /** Parameters become float graph inputs with their own names. */
    public static ParamBinder asInputs() {
        return new ParamBinder() {
            @Override
            protected Value bind(Graph g, String name, long[] shape) {
                return g.input(name, shape);
            }
        };
    }

    /** Parameters become constants holding the given values; a missing or misshapen one is an error. */
    public static ParamBinder asConstants(ParamSet values) {
        return new ParamBinder() {
            @Override
            protected Value bind(Graph g, String name, long[] shape) {
                if (!values.contains(name)) {
                    throw new IllegalArgumentException("the weights have no parameter '" + name + "' of shape " + Arrays.toString(shape)
                            + ": they were saved for a different network or settings");
                }
                ParamSet.Tensor t = values.get(name);
                if (!Arrays.equals(t.shape(), shape)) {
                    throw new IllegalArgumentException("parameter '" + name + "' has shape " + Arrays.toString(t.shape())
                            + " but the network expects " + Arrays.toString(shape) + ": the weights were saved for different settings");
                }
                return g.constant(name, t.data(), shape);
            }
        };
    }
}
