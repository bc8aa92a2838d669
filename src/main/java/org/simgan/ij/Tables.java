package org.simgan.ij;

import ij.measure.ResultsTable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Results tables of the commands. ImageJ shows a table under its own title in a window; without a display it keeps
 * no table of any title but "Results", so the last table shown under each title is also kept here, where tests and
 * scripts find it in every mode.
 */
final class Tables {
    private static final Map<String, ResultsTable> LAST = new ConcurrentHashMap<>();

    private Tables() {
    }

    /** Shows {@code rt} in the window titled {@code title} (replacing its contents; nothing to show without a display). */
    static void show(ResultsTable rt, String title) {
        LAST.put(title, rt);
        rt.show(title);
    }

    /** The table last shown under {@code title}, or null. */
    static ResultsTable last(String title) {
        return LAST.get(title);
    }

    /** Adds {@code text} to the current row: as a number when it is one, else as text (empty stays empty). */
    static void addCell(ResultsTable rt, String column, String text) {
        if (!text.isEmpty()) {
            try {
                rt.addValue(column, Double.parseDouble(text));
                return;
            } catch (NumberFormatException e) {
                // text
            }
        }
        rt.addValue(column, text);
    }
}
