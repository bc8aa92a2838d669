package org.simgan.train;

import org.simgan.data.EyeDataset;
import org.simgan.data.Normalization;

/**
 * Training images as the networks see them (scaled to [-1, 1]), copied out one at a time: the trainer draws its
 * batches from here, so the images stay in their stored form (8-bit as bytes) and memory does not double.
 */
public interface ImagePool {

    int size();

    /** Pixels per image. */
    int imageSize();

    /** Copies image {@code i}, scaled to [-1, 1], into {@code dst} from {@code offset}. */
    void copy(int i, float[] dst, int offset);

    /**
     * The images of {@code ds}, scaled with its bit depth's normalization when copied; NaN or infinite pixels are
     * refused here, before any training.
     */
    static ImagePool of(EyeDataset ds) {
        ds.requireFinite("the training images");
        Normalization n = Normalization.forBitDepth(ds.bitDepth());
        int size = ds.width() * ds.height();
        return new ImagePool() {
            @Override
            public int size() {
                return ds.size();
            }

            @Override
            public int imageSize() {
                return size;
            }

            @Override
            public void copy(int i, float[] dst, int offset) {
                ds.copyPixels(i, dst, offset);
                for (int j = offset; j < offset + size; j++) dst[j] = n.toModel(dst[j]);
            }
        };
    }

    /** Images already in [-1, 1], all of {@code imageSize} pixels (for benchmarks); the arrays are not copied. */
    static ImagePool ofModelRange(float[][] images, int imageSize) {
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != imageSize) {
                throw new IllegalArgumentException("image " + i + " has " + images[i].length + " pixels, expected " + imageSize);
            }
        }
        return new ImagePool() {
            @Override
            public int size() {
                return images.length;
            }

            @Override
            public int imageSize() {
                return imageSize;
            }

            @Override
            public void copy(int i, float[] dst, int offset) {
                System.arraycopy(images[i], 0, dst, offset, imageSize);
            }
        };
    }
}
