package org.simgan.optim;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.simgan.graph.Gradients;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;
import org.simgan.runtime.Engine;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;

/**
 * One optimizer step of some parameters as one run of a graph. {@link #build} differentiates a loss with respect
 * to the named parameter inputs and adds the optimizer's update; the opened step keeps parameters and optimizer
 * state in a {@link TensorStore} and counts steps for the optimizer's per-step scalars.
 */
public final class TrainStep implements AutoCloseable {

    /** A train-step graph before it is opened: the graph and the optimizer state tensors it needs. */
    public record Spec(Graph graph, Optimizer optimizer, String prefix, Map<String, long[]> optimizerState) {
    }

    /**
     * Adds gradients of {@code loss} for {@code params} and the optimizer's update to {@code g}. The loss becomes
     * the output {@code lossName}; nothing else of the graph is differentiated.
     */
    public static Spec build(Graph g, Value loss, String lossName, Collection<Value> params, Optimizer optimizer, String prefix) {
        g.output(lossName, loss);
        Map<Value, Value> grads = Gradients.of(loss, params);
        Map<String, long[]> state = optimizer.addUpdates(g, prefix, grads);
        return new Spec(g, optimizer, prefix, state);
    }

    private final Spec spec;
    private final GraphSession session;
    private long step;

    /**
     * Opens the step. Parameters must already be in {@code store}; optimizer state missing from it starts at zero.
     * Outputs named in {@code finiteLosses} must stay finite or the step is not applied.
     */
    public TrainStep(String name, Engine engine, Spec spec, TensorStore store, boolean fullOptimization, String... finiteLosses) {
        this.spec = spec;
        for (Map.Entry<String, long[]> e : spec.optimizerState.entrySet()) {
            if (!store.contains(e.getKey())) {
                long n = 1;
                for (long d : e.getValue()) n *= d;
                store.put(e.getKey(), new float[(int) n], e.getValue());
            }
        }
        this.session = new GraphSession(name, engine, spec.graph, store, fullOptimization).checkFinite(finiteLosses);
    }

    /** Runs one update with the given data feeds; returns the graph's plain outputs (losses and the like). */
    public Map<String, float[]> run(Map<String, float[]> feeds) {
        Map<String, float[]> all = new HashMap<>(feeds);
        all.putAll(spec.optimizer.feeds(spec.prefix, step + 1));
        Map<String, float[]> out = session.run(all);
        step++;
        return out;
    }

    /** Updates applied so far. */
    public long step() {
        return step;
    }

    /** Sets the update count (when resuming from a checkpoint). */
    public void setStep(long step) {
        this.step = step;
    }

    @Override
    public void close() {
        session.close();
    }
}
