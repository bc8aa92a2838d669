package org.simgan.data.io;

import java.util.Locale;

/** Small conversions shared by the formats. */
final class Pixels {

    private Pixels() {
    }

    /** An intensity rounded and clamped to 0..max, for storing in an integer image. */
    static int clampRound(float v, int max) {
        return Math.max(0, Math.min(max, Math.round(v)));
    }

    /** The name of an image that has none: its zero-padded index, as in the eye-gaze HDF5 files. */
    static String indexName(int index) {
        return String.format(Locale.ROOT, "%05d", index);
    }
}
