package org.simgan.nn;

import java.util.Locale;

/**
 * How a network treats the image border.
 * <ul>
 * <li>{@link #ZERO}: every 3x3 convolution pads its input with zeros (the paper's networks). Pixels near the border
 * see a frame of zeros, which the refiner can exploit and the discriminator can recognise.</li>
 * <li>{@link #REFLECT}: the refiner mirrors its input once by as many pixels as its convolutions reach, then runs
 * every convolution without padding, so each output pixel is computed from image content alone.</li>
 * <li>{@link #VALID}: the discriminator runs without padding, so each of its patches lies wholly inside the image.</li>
 * </ul>
 */
public enum Padding {
    ZERO, REFLECT, VALID;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Padding parse(String text) {
        for (Padding p : values()) {
            if (p.word().equals(text.trim().toLowerCase(Locale.ROOT))) return p;
        }
        throw new IllegalArgumentException("unknown padding '" + text + "'; use zero, reflect (refiner) or valid (discriminator)");
    }
}
