package org.simgan.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;
import org.simgan.runtime.GraphSession;

/**
 * An optimizer as graph nodes: for every parameter input {@code p} with gradient {@code g}, the graph gets the
 * optimizer's state inputs and outputs {@code p.next} and {@code state.next}, so one run of the graph is one
 * update step. Per-step scalars (bias-corrected step sizes) are fed by the caller from {@link #feeds}.
 */
public interface Optimizer {

    /** Adds the update of every parameter; returns the state tensors to create (zeros) with their shapes. */
    Map<String, long[]> addUpdates(Graph g, String prefix, Map<Value, Value> grads);

    /** The scalar inputs for update number {@code step} (1 for the first). */
    Map<String, float[]> feeds(String prefix, long step);

    /** For logs and model metadata, e.g. {@code adam lr=0.001 beta1=0.5 beta2=0.999 eps=1e-08}. */
    String describe();

    /** Marks {@code updated} as the next value of store tensor {@code name}. */
    static void emit(Graph g, String name, Value updated) {
        g.output(name + GraphSession.NEXT, updated);
    }

    static Map<String, long[]> stateOf(Map<Value, Value> grads, String suffix) {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (Value p : grads.keySet()) m.put(p.name() + suffix, p.shape());
        return m;
    }

    static Optimizer parse(String name, double lr, double beta1, double beta2, double eps, double momentum) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "adam" -> new Adam(lr, beta1, beta2, eps);
            case "sgd" -> new Sgd(lr, momentum);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "': use adam or sgd");
        };
    }
}
