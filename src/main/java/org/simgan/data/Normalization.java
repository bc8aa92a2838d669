package org.simgan.data;

import java.util.Locale;

/**
 * The mapping between image intensities and the [-1, 1] range the networks see, fixed by the bit depth:
 * 8-bit 0..255, 16-bit 0..65535, 32-bit float 0..1 map linearly onto -1..1. It is written into every exported
 * model's metadata ({@link #describe()}) and undone on output ({@link #fromModel}), clamped to the valid range.
 */
public record Normalization(double min, double max) {

    public static Normalization forBitDepth(int bitDepth) {
        return switch (bitDepth) {
            case 8 -> new Normalization(0, 255);
            case 16 -> new Normalization(0, 65535);
            case 32 -> new Normalization(0, 1);
            default -> throw new IllegalArgumentException("bit depth must be 8, 16 or 32 (float), got " + bitDepth);
        };
    }

    public float toModel(float v) {
        return (float) ((v - min) / (max - min) * 2 - 1);
    }

    public float fromModel(float v) {
        double x = (v + 1) / 2 * (max - min) + min;
        return (float) Math.max(min, Math.min(max, x));
    }

    public void toModel(float[] src, float[] dst, int offset) {
        for (int i = 0; i < src.length; i++) dst[offset + i] = toModel(src[i]);
    }

    /** For model metadata, e.g. {@code linear 0..255 -> -1..1}. */
    public String describe() {
        return String.format(Locale.ROOT, "linear %s..%s -> -1..1", fmt(min), fmt(max));
    }

    public static Normalization parse(String text) {
        String t = text.trim();
        if (!t.startsWith("linear ") || !t.endsWith(" -> -1..1")) {
            throw new IllegalArgumentException("unknown normalization '" + text + "'");
        }
        String[] r = t.substring(7, t.length() - 9).split("\\.\\.");
        return new Normalization(Double.parseDouble(r[0]), Double.parseDouble(r[1]));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
