package org.simgan.data;

import java.util.Arrays;
import java.util.List;

/**
 * Grayscale eye images of one size, in memory (or, for files larger than memory, read from the file when used:
 * {@link #onDemand}), with a name and (optionally) a gaze per image. Pixels keep the
 * intensities of their source ({@code bitDepth} 8: 0..255, 16: 0..65535, 32: float, usually 0..1); see
 * {@link Normalization} for the [-1, 1] range the networks use. Instances are never changed in place by the
 * project: every operation returns a new one.
 */
public final class EyeDataset {
    private final int width;
    private final int height;
    private final int bitDepth;
    // exactly one is set: 8-bit and 16-bit images of whole numbers are held in their stored width (a quarter and a
    // half of floats), everything else as floats
    private final byte[][] u8;
    private final char[][] u16;
    private final float[][] f32;
    // or: the pixels stay in a file and are read when asked for; image i is sourceIndex[i] there
    private final PixelSource source;
    private final int[] sourceIndex;
    private final SliceLabel[] labels;

    /**
     * Pixels kept outside memory (in a file) and read on request, for datasets larger than memory. Reads may come
     * from several threads at once.
     */
    public interface PixelSource {
        /** Copies the pixels of the source's image {@code index} into {@code dst} from {@code offset}. */
        void copy(int index, float[] dst, int offset);
    }

    /**
     * Images whose pixels stay in {@code source} (images 0 .. labels.length-1 there) and are read whenever they are
     * used; only the labels are held. The source's content must not change while the dataset is in use.
     */
    public static EyeDataset onDemand(int width, int height, int bitDepth, PixelSource source, SliceLabel[] labels) {
        check(width, height, bitDepth, labels.length, labels.length);
        // whole numbers only, so that the pixels need no check for NaN (see requireFinite)
        if (bitDepth == 32) throw new IllegalArgumentException("pixels read on demand must be 8-bit or 16-bit integers");
        int[] index = new int[labels.length];
        for (int i = 0; i < index.length; i++) index[i] = i;
        return new EyeDataset(width, height, bitDepth, labels, null, null, null, source, index);
    }

    /**
     * @param pixels one row-major array of {@code width*height} values per image (not kept: 8-bit and 16-bit images
     *               of whole numbers in range are stored compactly; the arrays are never modified)
     * @param labels one label per image (name, gaze or null)
     */
    public EyeDataset(int width, int height, int bitDepth, float[][] pixels, SliceLabel[] labels) {
        check(width, height, bitDepth, pixels.length, labels.length);
        for (int i = 0; i < pixels.length; i++) checkLength(i, pixels[i].length, width, height);
        this.width = width;
        this.height = height;
        this.bitDepth = bitDepth;
        this.labels = labels;
        byte[][] b = bitDepth == 8 ? new byte[pixels.length][] : null;
        char[][] c = bitDepth == 16 ? new char[pixels.length][] : null;
        for (int i = 0; i < pixels.length && (b != null || c != null); i++) {
            if (b != null && (b[i] = bytes(pixels[i])) == null) b = null;
            if (c != null && (c[i] = chars(pixels[i])) == null) c = null;
        }
        this.u8 = b;
        this.u16 = c;
        this.f32 = b == null && c == null ? pixels : null;
        this.source = null;
        this.sourceIndex = null;
    }

    /** 8-bit images given as bytes (0..255, unsigned), kept as they are (the arrays are never modified). */
    public EyeDataset(int width, int height, byte[][] pixels, SliceLabel[] labels) {
        check(width, height, 8, pixels.length, labels.length);
        for (int i = 0; i < pixels.length; i++) checkLength(i, pixels[i].length, width, height);
        this.width = width;
        this.height = height;
        this.bitDepth = 8;
        this.labels = labels;
        this.u8 = pixels;
        this.u16 = null;
        this.f32 = null;
        this.source = null;
        this.sourceIndex = null;
    }

    private static void check(int width, int height, int bitDepth, int images, int labels) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        if (bitDepth != 8 && bitDepth != 16 && bitDepth != 32) {
            throw new IllegalArgumentException("bit depth must be 8, 16 or 32 (float), got " + bitDepth);
        }
        if (images != labels) {
            throw new IllegalArgumentException(images + " images but " + labels + " labels: they must match one to one");
        }
    }

    private static void checkLength(int i, int length, int width, int height) {
        if (length != width * height) {
            throw new IllegalArgumentException("image " + i + " has " + length + " pixels, expected " + width + "x" + height);
        }
    }

    /**
     * Collects images one at a time into the compact storage the constructor would choose, so a large read never
     * holds all images as floats at once (8-bit images of whole numbers take a quarter of the memory).
     */
    public static final class Builder {
        private final int width;
        private final int height;
        private final int bitDepth;
        private final List<SliceLabel> labels = new java.util.ArrayList<>();
        private java.util.ArrayList<byte[]> u8;
        private java.util.ArrayList<char[]> u16;
        private java.util.ArrayList<float[]> f32;

        public Builder(int width, int height, int bitDepth) {
            check(width, height, bitDepth, 0, 0);
            this.width = width;
            this.height = height;
            this.bitDepth = bitDepth;
            if (bitDepth == 8) u8 = new java.util.ArrayList<>();
            else if (bitDepth == 16) u16 = new java.util.ArrayList<>();
            else f32 = new java.util.ArrayList<>();
        }

        /** Adds one image ({@code width*height} values, row-major; not kept when stored compactly, never modified). */
        public Builder add(float[] pixels, SliceLabel label) {
            checkLength(labels.size(), pixels.length, width, height);
            if (u8 != null) {
                byte[] b = bytes(pixels);
                if (b != null) u8.add(b);
                else toFloats().add(pixels);
            } else if (u16 != null) {
                char[] c = chars(pixels);
                if (c != null) u16.add(c);
                else toFloats().add(pixels);
            } else {
                f32.add(pixels);
            }
            labels.add(label);
            return this;
        }

        // an image that is not whole numbers in range: everything so far becomes floats
        private List<float[]> toFloats() {
            f32 = new java.util.ArrayList<>();
            int n = u8 != null ? u8.size() : u16.size();
            for (int i = 0; i < n; i++) {
                float[] px = new float[width * height];
                if (u8 != null) {
                    byte[] p = u8.get(i);
                    for (int j = 0; j < p.length; j++) px[j] = p[j] & 0xff;
                } else {
                    char[] p = u16.get(i);
                    for (int j = 0; j < p.length; j++) px[j] = p[j];
                }
                f32.add(px);
            }
            u8 = null;
            u16 = null;
            return f32;
        }

        public int size() {
            return labels.size();
        }

        public EyeDataset build() {
            SliceLabel[] l = labels.toArray(new SliceLabel[0]);
            return new EyeDataset(width, height, bitDepth, l,
                    u8 == null ? null : u8.toArray(new byte[0][]),
                    u16 == null ? null : u16.toArray(new char[0][]),
                    f32 == null ? null : f32.toArray(new float[0][]), null, null);
        }
    }

    private EyeDataset(int width, int height, int bitDepth, SliceLabel[] labels, byte[][] u8, char[][] u16, float[][] f32,
                       PixelSource source, int[] sourceIndex) {
        this.width = width;
        this.height = height;
        this.bitDepth = bitDepth;
        this.labels = labels;
        this.u8 = u8;
        this.u16 = u16;
        this.f32 = f32;
        this.source = source;
        this.sourceIndex = sourceIndex;
    }

    /** The same images (shared, never modified) with other labels, one per image. */
    public EyeDataset withLabels(SliceLabel[] newLabels) {
        if (newLabels.length != labels.length) {
            throw new IllegalArgumentException(labels.length + " images but " + newLabels.length + " labels: they must match one to one");
        }
        return new EyeDataset(width, height, bitDepth, newLabels.clone(), u8, u16, f32, source, sourceIndex);
    }

    /** Images {@code indices} (in that order, shared and never modified), with their labels. */
    public EyeDataset pick(int[] indices) {
        SliceLabel[] l = new SliceLabel[indices.length];
        byte[][] b = u8 == null ? null : new byte[indices.length][];
        char[][] c = u16 == null ? null : new char[indices.length][];
        float[][] f = f32 == null ? null : new float[indices.length][];
        int[] s = source == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int k = indices[i];
            l[i] = labels[k];
            if (b != null) b[i] = u8[k];
            if (c != null) c[i] = u16[k];
            if (f != null) f[i] = f32[k];
            if (s != null) s[i] = sourceIndex[k];
        }
        return new EyeDataset(width, height, bitDepth, l, b, c, f, source, s);
    }

    /** The images of {@code parts} one after another (all of one size; the bit depth is the first part's). */
    public static EyeDataset concat(List<EyeDataset> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to join: no datasets");
        EyeDataset first = parts.get(0);
        Builder all = new Builder(first.width, first.height, first.bitDepth);
        for (EyeDataset p : parts) {
            for (int i = 0; i < p.size(); i++) all.add(p.pixels(i), p.label(i));
        }
        return all.build();
    }

    /** The image as unsigned bytes, or null if a value is not a whole number in 0..255. */
    public static byte[] bytes(float[] px) {
        byte[] out = new byte[px.length];
        for (int j = 0; j < px.length; j++) {
            float v = px[j];
            if (!(v >= 0 && v <= 255) || v != (int) v) return null;
            out[j] = (byte) (int) v;
        }
        return out;
    }

    private static char[] chars(float[] px) {
        char[] out = new char[px.length];
        for (int j = 0; j < px.length; j++) {
            float v = px[j];
            if (!(v >= 0 && v <= 65535) || v != (int) v) return null;
            out[j] = (char) (int) v;
        }
        return out;
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
        return labels.length;
    }

    /** The pixels of image {@code i} (row-major). Do not modify the returned array (it may be the stored one). */
    public float[] pixels(int i) {
        if (f32 != null) return f32[i];
        float[] out = new float[width * height];
        copyPixels(i, out, 0);
        return out;
    }

    /** Copies the pixels of image {@code i} into {@code dst} from {@code offset}, without making an array. */
    public void copyPixels(int i, float[] dst, int offset) {
        if (u8 != null) {
            byte[] p = u8[i];
            for (int j = 0; j < p.length; j++) dst[offset + j] = p[j] & 0xff;
        } else if (u16 != null) {
            char[] p = u16[i];
            for (int j = 0; j < p.length; j++) dst[offset + j] = p[j];
        } else if (source != null) {
            source.copy(sourceIndex[i], dst, offset);
        } else {
            System.arraycopy(f32[i], 0, dst, offset, f32[i].length);
        }
    }

    /** Bytes the pixels take in memory (for messages and benchmarks): none when they are read on demand. */
    public long pixelBytes() {
        if (source != null) return 0;
        long per = u8 != null ? 1 : u16 != null ? 2 : 4;
        return per * width * height * labels.length;
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
        if (f32 == null) return; // whole numbers in range
        for (int i = 0; i < f32.length; i++) requireFinite(what, i);
    }

    /** {@link #requireFinite(String)} for image {@code i} only. */
    public void requireFinite(String what, int i) {
        if (f32 == null) return;
        float[] p = f32[i];
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
        return new EyeDataset(width, height, bitDepth, Arrays.copyOfRange(labels, from, to),
                u8 == null ? null : Arrays.copyOfRange(u8, from, to),
                u16 == null ? null : Arrays.copyOfRange(u16, from, to),
                f32 == null ? null : Arrays.copyOfRange(f32, from, to),
                source, source == null ? null : Arrays.copyOfRange(sourceIndex, from, to));
    }
}
