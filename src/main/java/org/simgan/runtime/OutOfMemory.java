package org.simgan.runtime;

import java.util.Locale;

/** The message for a Java heap that is too small for the job, naming the limit and how to raise it. */
public final class OutOfMemory {
    private OutOfMemory() {}

    /**
     * @param raise how the user gives Java more memory where they run it (a command-line option, an ImageJ menu)
     */
    public static String message(String raise) {
        long max = Runtime.getRuntime().maxMemory();
        String limit = max == Long.MAX_VALUE ? "no set limit" : String.format(Locale.ROOT, "at most %.0f MB", max / 1e6);
        return "out of memory: Java may use " + limit + ", too little for these images and networks; " + raise
                + ", or use fewer or smaller images (8-bit images take a quarter of the memory of 32-bit ones). Outputs are written"
                + " whole or not at all: a training run keeps its last checkpoint";
    }
}
