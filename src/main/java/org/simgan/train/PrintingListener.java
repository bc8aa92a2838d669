package org.simgan.train;

import java.nio.file.Path;

/**
 * The one listener that shows work as text, and holds a front end's request to stop. Log lines, each training
 * step's line ({@link StepReport#line()}), saved checkpoints and progress go to a {@link Sink}; front ends differ in
 * the sink alone, as TrackMate's loggers do: the command line prints to standard output or error
 * ({@link Sink#STDOUT}, {@link Sink#STDERR}), ImageJ to its Log window, status bar and progress bar (its
 * {@code ImageJListener}, which also draws the plots and previews), the SciJava service to its log service.
 * {@link org.simgan.progress.Listener#NONE} shows nothing.
 * <p>
 * Steps: every step's line goes to the sink's status line and its progress; a line of its own (the log) for the
 * first and the last step and at most one every {@code lineEverySeconds} between. A subclass may choose other
 * steps ({@link #logsStep}).
 */
public class PrintingListener implements TrainingListener {
    /** Where a {@link PrintingListener}'s text goes. Only {@link #line} is required. */
    @FunctionalInterface
    public interface Sink {
        /** A line to keep: printed, or added to a log window. */
        void line(String line);

        /** The latest step's line, where a front end shows one line that the next replaces (a status bar); by default nowhere. */
        default void status(String line) {
        }

        /** Work done so far, for a progress bar; by default nowhere. */
        default void progress(long done, long total) {
        }

        /** Standard output (looked up at each line, so a redirected {@code System.out} is followed). */
        Sink STDOUT = line -> System.out.println(line);
        /** Standard error (looked up at each line). */
        Sink STDERR = line -> System.err.println(line);
    }

    /** The seconds between step lines of {@link #PrintingListener(Sink)}: the command line's default. */
    public static final double DEFAULT_LINE_SECONDS = 5;

    private final Sink sink;
    private final long intervalNanos;
    private long lastLine;
    private volatile boolean stop;

    /** Text to {@code sink}, a step line at most every {@value #DEFAULT_LINE_SECONDS} seconds. */
    public PrintingListener(Sink sink) {
        this(sink, DEFAULT_LINE_SECONDS);
    }

    /**
     * @param sink             where the text goes
     * @param lineEverySeconds at most one step line this often, besides the first and the last step's (0: every step)
     */
    public PrintingListener(Sink sink, double lineEverySeconds) {
        this.sink = sink;
        this.intervalNanos = (long) (lineEverySeconds * 1e9);
    }

    /** Asks the work to stop at its next safe point (Ctrl-C on the command line, Esc or Stop in ImageJ). */
    public void requestStop() {
        stop = true;
    }

    @Override
    public boolean cancelRequested() {
        return stop;
    }

    @Override
    public void log(String line) {
        sink.line(line);
    }

    @Override
    public void progress(long done, long total) {
        sink.progress(done, total);
    }

    @Override
    public void step(StepReport r) {
        TrainingListener.super.step(r); // the progress
        String line = r.line();
        sink.status(line);
        if (logsStep(r)) sink.line(line);
    }

    /**
     * Whether step {@code r} gets a line of its own (asked once per step): the first, the last, and at most one
     * every {@code lineEverySeconds} between.
     */
    protected boolean logsStep(StepReport r) {
        long now = System.nanoTime();
        if (now - lastLine < intervalNanos && r.step() != r.totalSteps() && r.step() != 1) return false;
        lastLine = now;
        return true;
    }

    @Override
    public void checkpoint(long step, Path file) {
        sink.line(checkpointLine(step, file));
    }

    /** The line that says a checkpoint was written. */
    protected String checkpointLine(long step, Path file) {
        return "checkpoint at step " + step + ": " + file;
    }
}
