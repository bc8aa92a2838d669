package org.simgan.eval;

import java.util.Map;
import org.simgan.nn.Network;
import org.simgan.optim.TrainStep;
import org.simgan.progress.Listener;
import org.simgan.progress.Stopped;
import org.simgan.runtime.Engine;
import org.simgan.runtime.TensorStore;

/**
 * The fit loop of the networks the evaluation trains, the two-sample classifier ({@link C2st}) and the gaze estimator
 * ({@link GazeTraining}): fresh parameters from a seed into a store, one train step (graph inputs {@code x}, the
 * images, and {@code t}, the targets; output {@code loss}) run a fixed number of times on the batches a {@link Feed}
 * fills, the listener able to stop it before each step.
 */
final class Fit {
    private Fit() {
    }

    /** Fills the images {@code x} and targets {@code t} of step {@code step} (0-based); both arrays are reused. */
    @FunctionalInterface
    interface Feed {
        void fill(int step, float[] x, float[] t);
    }

    /** Told after each step, with its loss (for progress and logs). */
    @FunctionalInterface
    interface AfterStep {
        void done(int step, double loss);
    }

    /**
     * Puts {@code net}'s parameters initialised from {@code initSeed} into {@code store} and runs {@code steps} steps
     * of {@code spec} on them; the trained parameters stay in the store.
     *
     * @param batch   images per step
     * @param targets target values per image
     * @return the loss of the last step
     */
    static double run(String name, Network net, long initSeed, TrainStep.Spec spec, TensorStore store, int steps, int batch, int targets,
                      Feed feed, Engine engine, String activity, Listener listener, AfterStep after) {
        net.initialize(initSeed).all().forEach((k, t) -> store.put(k, t.data(), t.shape()));
        float[] x = new float[batch * net.height() * net.width()], t = new float[batch * targets];
        double loss = Double.NaN;
        try (TrainStep step = new TrainStep(name, engine, spec, store, false, "loss")) {
            for (int it = 0; it < steps; it++) {
                Stopped.check(listener, activity);
                feed.fill(it, x, t);
                loss = step.run(Map.of("x", x, "t", t)).get("loss")[0];
                after.done(it, loss);
            }
        }
        return loss;
    }
}
