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
