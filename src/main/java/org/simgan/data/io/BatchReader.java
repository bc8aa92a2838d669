package org.simgan.data.io;

import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;

/**
 * Reads the images {@link DatasetIo#openBatches} selected in consecutive batches, so a large file can be processed
 * in bounded memory (HDF5 files and image folders read only the current batch; a TIFF stack is read whole by
 * ImageJ first). Each batch gets the same labels, checks and resizing as {@link DatasetIo#read}. Close it when done.
 */
public final class BatchReader implements AutoCloseable {

    private final ImageSource source;
    private final Object origin;
    private final ReadOptions options;
    private final List<Gaze> csvGazes;
    private final int batchSize;
    private final int end;
    private int next;

    BatchReader(ImageSource source, Object origin, ReadOptions options, List<Gaze> csvGazes, int from, int end, int batchSize) {
        this.source = source;
        this.origin = origin;
        this.options = options;
        this.csvGazes = csvGazes;
        this.next = from;
        this.end = end;
        this.batchSize = batchSize;
    }

    /** How many images all batches together hold. */
    public int total() {
        return end - options.from();
    }

    public boolean hasNext() {
        return next < end;
    }

    /** The next batch: {@code batchSize} images, fewer for the last one. */
    public EyeDataset next() throws IOException {
        if (!hasNext()) throw new NoSuchElementException("all " + total() + " images have been read");
        int n = Math.min(batchSize, end - next);
        EyeDataset batch = DatasetIo.prepare(source.read(next, n), origin, options, csvGazes, next);
        next += n;
        return batch;
    }

    /**
     * Images {@code index .. index+n-1} of the selection (0 is its first image), read on demand whatever the batches
     * have read so far, with the same labels and checks.
     */
    public EyeDataset readAt(int index, int n) throws IOException {
        int start = options.from() + index;
        if (index < 0 || n < 0 || start + n > end) {
            throw new IndexOutOfBoundsException("images " + index + ".." + (index + n - 1) + " are outside the " + total() + " selected");
        }
        return DatasetIo.prepare(source.read(start, n), origin, options, csvGazes, start);
    }

    /** All images not yet read, as one dataset (possibly empty). */
    EyeDataset readRest() throws IOException {
        int n = end - next;
        EyeDataset rest = DatasetIo.prepare(source.read(next, n), origin, options, csvGazes, next);
        next = end;
        return rest;
    }

    @Override
    public void close() {
        source.close();
    }
}
