package org.simgan.data.io;

import ij.ImagePlus;
import ij.VirtualStack;
import ij.process.ImageProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.simgan.data.EyeDataset;

/**
 * An ImageJ virtual stack over a dataset file: a slice is read from the file when ImageJ shows or processes it, so
 * a 50,000-image HDF5 file opens at once and in little memory. Slice labels follow the project's label format.
 * Read-only; close it (or the image showing it) to release the file.
 */
public final class EyeVirtualStack extends VirtualStack implements AutoCloseable {
    private final BatchReader reader;
    private final int size, bitDepth;
    private int cachedIndex = -1;
    private EyeDataset cached;

    private EyeVirtualStack(BatchReader reader, EyeDataset first) {
        super(first.width(), first.height(), null, null);
        this.reader = reader;
        this.size = reader.total();
        this.bitDepth = first.bitDepth();
        this.cached = first;
        this.cachedIndex = 0;
    }

    /** Opens the images {@code options} select from {@code path} as a virtual stack. */
    public static EyeVirtualStack open(Path path, ReadOptions options) throws IOException {
        BatchReader reader = DatasetIo.openBatches(path, options, 1);
        try {
            if (reader.total() == 0) throw new DataInputException(path + " holds no images in the range asked for");
            return new EyeVirtualStack(reader, reader.readAt(0, 1));
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** An ImagePlus showing this stack; closing the image closes the file. */
    public ImagePlus toImagePlus(String title) {
        ImagePlus imp = new ImagePlus(title, this);
        ImagePlus.addImageListener(new ij.ImageListener() {
            @Override
            public void imageOpened(ImagePlus i) {
            }

            @Override
            public void imageClosed(ImagePlus i) {
                if (i == imp) {
                    close();
                    ImagePlus.removeImageListener(this);
                }
            }

            @Override
            public void imageUpdated(ImagePlus i) {
            }
        });
        return imp;
    }

    private synchronized EyeDataset slice(int n) {
        if (n < 1 || n > size) throw new IllegalArgumentException("slice " + n + " is outside 1.." + size);
        if (cachedIndex != n - 1) {
            try {
                cached = reader.readAt(n - 1, 1);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read slice " + n + ": " + e.getMessage(), e);
            }
            cachedIndex = n - 1;
        }
        return cached;
    }

    @Override
    public ImageProcessor getProcessor(int n) {
        EyeDataset one = slice(n);
        return ImageStacks.toProcessor(one.pixels(0), one.width(), one.height(), bitDepth);
    }

    @Override
    public String getSliceLabel(int n) {
        return slice(n).label(0).format();
    }

    @Override
    public int getSize() {
        return size;
    }

    @Override
    public int getBitDepth() {
        return bitDepth;
    }

    @Override
    public void deleteSlice(int n) {
        throw new UnsupportedOperationException("a SimGAN virtual stack is read-only; duplicate it to edit");
    }

    @Override
    public void close() {
        reader.close();
    }
}
