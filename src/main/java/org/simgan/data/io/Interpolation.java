package org.simgan.data.io;

/** How {@link Resize} computes an output pixel from the source pixels. */
public enum Interpolation {
    /** Linear in x and y between the four nearest source pixel centres; good for enlarging. */
    BILINEAR,
    /** The mean of the source area the output pixel covers (partial pixels weighted); good for shrinking. */
    AREA;

    /** Parses {@code bilinear} or {@code area} (any case), for command-line options. */
    public static Interpolation parse(String text) {
        for (Interpolation i : values()) {
            if (i.name().equalsIgnoreCase(text.trim())) return i;
        }
        throw new IllegalArgumentException("unknown interpolation '" + text + "': use bilinear or area");
    }
}
