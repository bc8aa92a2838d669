package org.simgan.optim;

import java.util.Locale;
import java.util.Map;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;

/** Stochastic gradient descent with momentum, as PyTorch's: b' = mu b + g, p' = p - lr b'. */
public record Sgd(double lr, double momentum) implements Optimizer {

    public Sgd {
        if (!(lr > 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD needs lr > 0 and 0 <= momentum < 1; got lr=" + lr + " momentum=" + momentum);
        }
    }

    public static final String B = ".sgd_momentum";

    @Override
    public Map<String, long[]> addUpdates(Graph g, String prefix, Map<Value, Value> grads) {
        Value lrIn = g.input(prefix + "sgd.lr");
        for (Map.Entry<Value, Value> e : grads.entrySet()) {
            Value p = e.getKey(), grad = e.getValue();
            Value b = g.input(p.name() + B, p.shape());
            Value b2 = b.mul(momentum).add(grad);
            Optimizer.emit(g, p.name(), p.sub(b2.mul(lrIn)));
            Optimizer.emit(g, b.name(), b2);
        }
        return Optimizer.stateOf(grads, B);
    }

    @Override
    public Map<String, float[]> feeds(String prefix, long step) {
        return Map.of(prefix + "sgd.lr", new float[] {(float) lr});
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "sgd lr=%s momentum=%s", lr, momentum);
    }
}
