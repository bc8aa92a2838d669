package org.simgan.optim;

import java.util.Locale;
import java.util.Map;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;

/**
 * Adam (Kingma and Ba), with the bias correction of PyTorch's implementation:
 * m' = b1 m + (1-b1) g, v' = b2 v + (1-b2) g^2, p' = p - lr/(1-b1^t) * m' / (sqrt(v')/sqrt(1-b2^t) + eps).
 */
public record Adam(double lr, double beta1, double beta2, double eps) implements Optimizer {

    public Adam {
        if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("Adam needs lr > 0, 0 <= beta1, beta2 < 1 and eps > 0; got lr=" + lr
                    + " beta1=" + beta1 + " beta2=" + beta2 + " eps=" + eps);
        }
    }

    /** The usual betas and epsilon (0.9, 0.999, 1e-8), as in the paper and PyTorch's defaults. */
    public Adam(double lr) {
        this(lr, 0.9, 0.999, 1e-8);
    }

    public static final String M = ".adam_m", V = ".adam_v";

    @Override
    public Map<String, long[]> addUpdates(Graph g, String prefix, Map<Value, Value> grads) {
        Value stepSize = g.input(prefix + "adam.step_size");
        Value c2 = g.input(prefix + "adam.inv_sqrt_bc2");
        for (Map.Entry<Value, Value> e : grads.entrySet()) {
            Value p = e.getKey(), grad = e.getValue();
            Value m = g.input(p.name() + M, p.shape()), v = g.input(p.name() + V, p.shape());
            Value m2 = m.mul(beta1).add(grad.mul(1 - beta1));
            Value v2 = v.mul(beta2).add(grad.square().mul(1 - beta2));
            Value denom = v2.sqrt().mul(c2).add(eps);
            Optimizer.emit(g, p.name(), p.sub(m2.div(denom).mul(stepSize)));
            Optimizer.emit(g, m.name(), m2);
            Optimizer.emit(g, v.name(), v2);
        }
        Map<String, long[]> state = Optimizer.stateOf(grads, M);
        state.putAll(Optimizer.stateOf(grads, V));
        return state;
    }

    @Override
    public Map<String, float[]> feeds(String prefix, long step) {
        if (step < 1) throw new IllegalArgumentException("step numbers start at 1, got " + step);
        double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
        return Map.of(prefix + "adam.step_size", new float[] {(float) (lr / bc1)},
                prefix + "adam.inv_sqrt_bc2", new float[] {(float) (1 / Math.sqrt(bc2))});
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "adam lr=%s beta1=%s beta2=%s eps=%s", lr, beta1, beta2, eps);
    }
}
