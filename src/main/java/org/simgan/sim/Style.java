package org.simgan.sim;

import java.util.Locale;

/**
 * Which look the simulator draws.
 * <ul>
 *   <li>{@link #SYNTHETIC}: clean rendered eyes, aiming at UnityEyes' look (the "synthetic" side of SimGAN).</li>
 *   <li>{@link #CAMERA_STANDIN}: the same eyes passed through a camera-style degradation (sensor noise, defocus,
 *       uneven illumination, contrast and gamma changes, skin texture, histogram equalisation as in MPIIGaze's
 *       normalised crops). It is a stand-in for real captures where none can be shipped; it is NOT real data.</li>
 * </ul>
 */
public enum Style {
    SYNTHETIC("synthetic"),
    CAMERA_STANDIN("camera");

    private final String word;

    Style(String word) {
        this.word = word;
    }

    /** The command-line word: {@code synthetic} or {@code camera}. */
    public String word() {
        return word;
    }

    public static Style parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Style s : values()) {
            if (s.word.equals(t)) return s;
        }
        if (t.equals("camera-standin") || t.equals("camera-style")) return CAMERA_STANDIN;
        throw new IllegalArgumentException("unknown style '" + text + "'; use synthetic or camera (camera-style stand-in)");
    }
}
