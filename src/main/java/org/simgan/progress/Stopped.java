package org.simgan.progress;

import java.util.concurrent.CancellationException;

/**
 * The one way the core reports that work stopped because its {@link Listener} asked: work that keeps what it did
 * says so in its result (a training run's {@code Outcome.STOPPED} with its checkpoint, a folder refinement's
 * {@code Summary.stopped} with the files finished); every other operation throws this. Front ends map it at their
 * boundary: the command line exits with 130 (as an interrupted program), ImageJ shows "stopped".
 */
public final class Stopped extends CancellationException {
    private static final long serialVersionUID = 1L;

    public Stopped(String message) {
        super(message);
    }

    /** Throws {@code Stopped("WHAT was stopped")} when {@code listener} asks to stop; a safe point of the work. */
    public static void check(Listener listener, String what) {
        if (listener.cancelRequested()) throw new Stopped(what + " was stopped");
    }
}
