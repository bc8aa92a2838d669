package org.simgan.data;

import java.util.Arrays;
import java.util.List;

/**
 * Grayscale eye images of one size, in memory, with a name and (optionally) a gaze per image. Pixels keep the
 * intensities of their source ({@code bitDepth} 8: 0..255, 16: 0..65535, 32: float, usually 0..1); see
 * {@link Normalization} for the [-1, 1] range the networks use. Instances are never changed in place by the
 * project: every operation returns a new one.
 */
public final class EyeDataset {
    private final int width;
    private final int height;
    private final int bitDepth;
    private final float[][] pixels;
    private final SliceLabel[] labels;

    /**
     * @param pixels one row-major array of {@code width*height} values per image
     * @param labels one label per image (name, gaze or null)
     */
    public EyeDataset(int width, int height, int bitDepth, float[][] pixels, SliceLabel[] labels) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        if (bitDepth != 8 && bitDepth != 16 && bitDepth != 32) {
            throw new IllegalArgumentException("bit depth must be 8, 16 or 32 (float), got " + bitDepth);
        }
        if (pixels.length != labels.length) {
            throw new IllegalArgumentException(pixels.length + " images but " + labels.length + " labels: they must match one to one");
        }
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i].length != width * height) {
                throw new IllegalArgumentException("image " + i + " has " + pixels[i].length + " pixels, expected " + width + "x" + height);
            }
        }
        this.width = width;
        this.height = height;
        this.bitDepth = bitDepth;
        this.pixels = pixels;
        this.labels = labels;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int bitDepth() {
        return bitDepth;
    }

    public int size() {
        return pixels.length;
    }

    /** The pixels of image {@code i} (row-major). Do not modify the returned array. */
    public float[] pixels(int i) {
        return pixels[i];
    }

    public SliceLabel label(int i) {
        return labels[i];
    }

    public List<SliceLabel> labels() {
        return Arrays.asList(labels.clone());
    }

    /** True when every image has a gaze. */
    public boolean allLabelled() {
        for (SliceLabel l : labels) if (!l.hasGaze()) return false;
        return true;
    }

    /**
     * Refuses NaN and infinite pixels, naming the first one found: no network can use them, and they would turn a
     * result silently into a default (a gaze straight ahead) or a loss into NaN.
     *
     * @param what the images, for the message (for example {@code the synthetic images})
     * @throws IllegalArgumentException at the first such pixel
     */
    public void requireFinite(String what) {
        for (int i = 0; i < pixels.length; i++) requireFinite(what, i);
    }

    /** {@link #requireFinite(String)} for image {@code i} only. */
    public void requireFinite(String what, int i) {
        float[] p = pixels[i];
        for (int j = 0; j < p.length; j++) {
            if (!Float.isFinite(p[j])) {
                throw new IllegalArgumentException("image " + i + " ('" + labels[i].name() + "') of " + what + " has " + (Float.isNaN(p[j]) ? "a NaN" : "an infinite")
                        + " pixel at " + (j % width) + "," + (j / width) + " (x,y): NaN or infinite pixels cannot be used; "
                        + "clean the data (replace or leave out those images) first");
            }
        }
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), sharing pixel arrays (they are never modified). */
    public EyeDataset slice(int from, int to) {
        return new EyeDataset(width, height, bitDepth, Arrays.copyOfRange(pixels, from, to), Arrays.copyOfRange(labels, from, to));
    }
}
