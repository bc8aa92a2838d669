package org.simgan.progress;

/**
 * How long-running work in the core reports to whoever runs it (ImageJ maps it to the status bar, Log window and
 * plots; the command line to plain log lines), and how it learns it should stop. Every method has a do-nothing
 * default, so a caller implements only what it shows.
 */
public interface Listener {
    /** A line for the log. */
    default void log(String line) {
    }

    /** Work done so far, as {@code done} of {@code total} units. */
    default void progress(long done, long total) {
    }

    /**
     * Polled at safe points (for example step boundaries); when true the work stops cleanly there, as
     * {@link Stopped} says.
     */
    default boolean cancelRequested() {
        return false;
    }

    /** A listener that shows nothing and never cancels. */
    Listener NONE = new Listener() {
    };
}
