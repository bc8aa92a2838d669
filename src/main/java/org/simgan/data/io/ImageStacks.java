package org.simgan.data.io;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import org.simgan.data.EyeDataset;
import org.simgan.data.SliceLabel;

/**
 * Conversion between ImageJ images and {@link EyeDataset}: one stack slice per image, the slice label in the
 * {@link SliceLabel} format. 8-bit, 16-bit and 32-bit (float) grayscale images are supported; RGB and
 * multi-channel images are refused. The source image is only read, never changed.
 */
public final class ImageStacks {

    /** The ImagePlus property ImageJ uses for the label of a single image (it has no stack slice labels). */
    static final String SINGLE_IMAGE_LABEL = "Label";

    private ImageStacks() {
    }

    /** A new ImagePlus holding a copy of the dataset's images, with their labels as slice labels. */
    public static ImagePlus toImagePlus(EyeDataset ds, String title) {
        if (ds.size() == 0) throw new IllegalArgumentException("an ImageJ image needs at least one slice, but the dataset is empty");
        int w = ds.width();
        int h = ds.height();
        ImageStack stack = new ImageStack(w, h);
        for (int i = 0; i < ds.size(); i++) {
            stack.addSlice(ds.label(i).format(), toProcessor(ds.pixels(i), w, h, ds.bitDepth()));
        }
        ImagePlus imp = new ImagePlus(title, stack);
        if (ds.size() == 1) imp.setProperty(SINGLE_IMAGE_LABEL, ds.label(0).format());
        if (ds.bitDepth() == 32) imp.resetDisplayRange();
        return imp;
    }

    /**
     * The images of {@code imp} (every slice of its stack) as a dataset. Labels are read from the slice labels;
     * slices without a label are named by their zero-padded index.
     *
     * @throws DataInputException for RGB, multi-channel or otherwise unsupported images
     */
    public static EyeDataset fromImagePlus(ImagePlus imp) throws DataInputException {
        String title = imp.getTitle();
        int bitDepth = imp.getBitDepth();
        if (bitDepth == 24) {
            throw new DataInputException("image '" + title + "' is RGB color, but eye images must be grayscale; convert it first "
                    + "(Image > Type > 8-bit, or 16-bit/32-bit)");
        }
        if (bitDepth != 8 && bitDepth != 16 && bitDepth != 32) {
            throw new DataInputException("image '" + title + "' has bit depth " + bitDepth
                    + ", which is not supported; convert it to 8-bit, 16-bit or 32-bit grayscale (Image > Type)");
        }
        if (imp.getNChannels() > 1) {
            throw new DataInputException("image '" + title + "' has " + imp.getNChannels() + " channels, but eye images have one; "
                    + "keep one channel first (Image > Color > Split Channels)");
        }
        ImageStack stack = imp.getStack();
        int n = stack.getSize();
        int w = stack.getWidth();
        int h = stack.getHeight();
        float[][] pixels = new float[n][];
        SliceLabel[] labels = new SliceLabel[n];
        for (int s = 1; s <= n; s++) {
            pixels[s - 1] = toFloats(stack.getProcessor(s), bitDepth);
            String text = stack.getSliceLabel(s);
            if ((text == null || text.isEmpty()) && n == 1 && imp.getProperty(SINGLE_IMAGE_LABEL) instanceof String single) {
                text = single;
            }
            SliceLabel label;
            try {
                label = SliceLabel.parse(text);
            } catch (IllegalArgumentException e) {
                throw new DataInputException("image '" + title + "', slice " + s + ": " + e.getMessage(), e);
            }
            if (label.name().isEmpty()) label = label.withName(Pixels.indexName(s - 1));
            labels[s - 1] = label;
        }
        return new EyeDataset(w, h, bitDepth, pixels, labels);
    }

    static ImageProcessor toProcessor(float[] values, int w, int h, int bitDepth) {
        switch (bitDepth) {
            case 8: {
                byte[] p = new byte[values.length];
                for (int i = 0; i < p.length; i++) p[i] = (byte) Pixels.clampRound(values[i], 255);
                return new ByteProcessor(w, h, p);
            }
            case 16: {
                short[] p = new short[values.length];
                for (int i = 0; i < p.length; i++) p[i] = (short) Pixels.clampRound(values[i], 65535);
                return new ShortProcessor(w, h, p, null);
            }
            default:
                return new FloatProcessor(w, h, values.clone());
        }
    }

    private static float[] toFloats(ImageProcessor ip, int bitDepth) {
        Object px = ip.getPixels();
        int size = ip.getWidth() * ip.getHeight();
        float[] out = new float[size];
        switch (bitDepth) {
            case 8 -> {
                byte[] p = (byte[]) px;
                for (int i = 0; i < size; i++) out[i] = p[i] & 0xff;
            }
            case 16 -> {
                short[] p = (short[]) px;
                for (int i = 0; i < size; i++) out[i] = p[i] & 0xffff;
            }
            default -> System.arraycopy((float[]) px, 0, out, 0, size);
        }
        return out;
    }
}
