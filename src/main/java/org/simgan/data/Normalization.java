package org.simgan.data;

import java.util.Locale;

/**
 * The mapping between image intensities and the [-1, 1] range the networks see, fixed by the bit depth:
 * 8-bit 0..255, 16-bit 0..65535, 32-bit float 0..1 map linearly onto -1..1. This is the one statement of it: it is
 * written into every exported model's metadata ({@link #describe()}); the networks trained here get their input
 * through {@link #toModel(float)} (computed in double precision), and a refiner states the same mapping as
 * bioimage.io operations ({@code refine.PixelProcessing#forImages}, computed in float32 as bioimage.io does, and
 * undone on its output), so its .onnx and its package refine alike. Images become network batches in one place,
 * {@code refine.ImageModel#batch}, which also refuses NaN and infinite pixels.
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

    /** A stored intensity as network input. */
    public float toModel(float v) {
        return (float) ((v - min) / (max - min) * 2 - 1);
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
