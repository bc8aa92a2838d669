package org.simgan.cli;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.simgan.train.StepReport;
import org.simgan.train.TrainingListener;

/** The command line's view of long work: log lines and a compact progress line at most every few seconds. */
final class ConsoleListener implements TrainingListener {
    private final AtomicBoolean cancel = new AtomicBoolean();
    private final long intervalNanos;
    private long lastLine;
    private long stepsLeft = Long.MAX_VALUE;

    ConsoleListener(double intervalSeconds) {
        this.intervalNanos = (long) (intervalSeconds * 1e9);
    }

    /** Asks the work to stop at its next safe point (Ctrl-C does this through a shutdown hook). */
    void cancel() {
        cancel.set(true);
    }

    /** True when the work was asked to stop by {@link #cancel()} (Ctrl-C), not by {@link #stopAfter}. */
    boolean interrupted() {
        return cancel.get();
    }

    /** Stops after this many more steps (as if cancelled: a checkpoint is written). */
    void stopAfter(long steps) {
        stepsLeft = steps;
    }

    @Override
    public boolean cancelRequested() {
        return cancel.get() || stepsLeft <= 0;
    }

    @Override
    public void log(String line) {
        System.out.println(line);
    }

    @Override
    public void step(StepReport r) {
        stepsLeft--;
        long now = System.nanoTime();
        if (now - lastLine >= intervalNanos || r.step() == r.totalSteps() || r.step() == 1) {
            lastLine = now;
            System.out.println(r.line());
        }
    }

    @Override
    public void checkpoint(long step, Path file) {
        System.out.println("checkpoint at step " + step + ": " + file);
    }
}
