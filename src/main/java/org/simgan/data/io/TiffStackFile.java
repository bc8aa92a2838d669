package org.simgan.data.io;

import ij.ImagePlus;
import ij.io.FileSaver;
import java.io.IOException;
import java.nio.file.Path;
import org.simgan.data.EyeDataset;

/**
 * TIFF stacks, read and written with ImageJ's own reader and writer: one slice per image, the slice labels in the
 * {@link org.simgan.data.SliceLabel} format (first line the image name, second line {@code gaze=x,y,z}). 8-bit,
 * 16-bit and 32-bit (float) grayscale; RGB is refused. Writes are atomic.
 */
public final class TiffStackFile {

    private TiffStackFile() {
    }

    public static EyeDataset read(Path file) throws IOException {
        ImagePlus imp = ImageJFiles.open(file, "TIFF file");
        try {
            return ImageStacks.fromImagePlus(imp);
        } catch (DataInputException e) {
            throw new DataInputException(file + ": " + e.getMessage(), e);
        } finally {
            imp.close();
        }
    }

    public static void write(EyeDataset ds, Path file) throws IOException {
        if (ds.size() == 0) {
            throw new DataInputException("cannot write " + file + ": the dataset has no images, and a TIFF needs at least one");
        }
        AtomicFiles.write(file, temporary -> {
            String name = file.getFileName().toString();
            ImagePlus imp = ImageStacks.toImagePlus(ds, name);
            FileSaver saver = new FileSaver(imp);
            String path = temporary.toString();
            boolean saved = ds.size() == 1 ? saver.saveAsTiff(path) : saver.saveAsTiffStack(path);
            if (!saved) throw new IOException("ImageJ could not save the TIFF " + file + " (disk full or not writable?)");
        });
    }
}
