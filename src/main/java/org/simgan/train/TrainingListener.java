package org.simgan.train;

import org.simgan.progress.Listener;

/** A {@link Listener} that also hears about training steps and preview images. */
public interface TrainingListener extends Listener {

    /**
     * After every step, the one event a step sends: it is also the run's progress, so the default passes it on as
     * {@link #progress progress(step, totalSteps)} and a listener that shows only progress needs nothing more. A
     * listener that overrides this shows the progress itself (or calls this default).
     */
    default void step(StepReport report) {
        progress(report.step(), report.totalSteps());
    }

    /**
     * Every {@code previewEvery} steps: synthetic images and their refined versions, each {@code count} images of
     * height x width in [-1, 1], row-major one after the other.
     */
    default void preview(long step, int count, int height, int width, float[] synthetic, float[] refined) {
    }

    /** When a checkpoint has been written. */
    default void checkpoint(long step, java.nio.file.Path file) {
    }
}
