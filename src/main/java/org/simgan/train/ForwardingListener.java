package org.simgan.train;

import java.nio.file.Path;

/**
 * A listener that passes every event on to another: the one base for a listener that wraps another and adds to
 * some events (a run's preview files, a stop after so many steps). Subclasses override what they add to and call
 * {@code super} to pass the event on.
 */
public class ForwardingListener implements TrainingListener {
    private final TrainingListener to;

    public ForwardingListener(TrainingListener to) {
        this.to = to;
    }

    @Override
    public void log(String line) {
        to.log(line);
    }

    @Override
    public void progress(long done, long total) {
        to.progress(done, total);
    }

    @Override
    public boolean cancelRequested() {
        return to.cancelRequested();
    }

    @Override
    public void step(StepReport report) {
        to.step(report);
    }

    @Override
    public void preview(long step, int count, int height, int width, float[] synthetic, float[] refined) {
        to.preview(step, count, height, width, synthetic, refined);
    }

    @Override
    public void checkpoint(long step, Path file) {
        to.checkpoint(step, file);
    }
}
