package org.simgan.data.io;

import java.io.IOException;
import org.simgan.data.EyeDataset;

/** A readable collection of images of one size, of which any range can be read; the formats' common shape. */
interface ImageSource extends AutoCloseable {

    /** Number of images available. */
    int count();

    /** Images {@code from} .. {@code from + n - 1}. */
    EyeDataset read(int from, int n) throws IOException;

    @Override
    default void close() {
    }

    /** A source over images already in memory. */
    static ImageSource of(EyeDataset ds) {
        return new ImageSource() {
            @Override
            public int count() {
                return ds.size();
            }

            @Override
            public EyeDataset read(int from, int n) {
                return ds.slice(from, from + n);
            }
        };
    }
}
