package org.simgan.data.io;

import org.simgan.io.AtomicFile;
import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.TiffEncoder;
import ij.plugin.PNG_Writer;
import java.io.DataOutputStream;
import java.io.OutputStream;
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
            ImageJFiles.requireComplete(file, imp);
            return ImageStacks.fromImagePlus(imp);
        } catch (DataInputException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : new DataInputException(file + ": " + e.getMessage(), e);
        } finally {
            imp.close();
        }
    }

    /**
     * Writes the dataset as a TIFF stack (one image: a plain TIFF), atomically, with ImageJ's own encoder, so that a
     * failed write (a full disk) is reported as such.
     */
    public static void write(EyeDataset ds, Path file) throws IOException {
        if (ds.size() == 0) {
            throw new DataInputException("cannot write " + file + ": the dataset has no images, and a TIFF needs at least one");
        }
        ImagePlus imp = ImageStacks.toImagePlus(ds, file.getFileName().toString());
        AtomicFile.write(file, out -> encodeTiff(imp, out));
    }

    /** What ImageJ's FileSaver.saveAsTiff/saveAsTiffStack write, to a stream that reports its failures. */
    static void encodeTiff(ImagePlus imp, OutputStream out) throws IOException {
        FileInfo fi = imp.getFileInfo();
        fi.info = imp.getInfoProperty();
        int n = imp.getStackSize();
        String[] labels = new String[n];
        boolean any = false;
        for (int s = 1; s <= n; s++) {
            labels[s - 1] = imp.getStack().getSliceLabel(s);
            any |= labels[s - 1] != null;
        }
        if (any) fi.sliceLabels = labels;
        fi.description = new FileSaver(imp).getDescriptionString();
        fi.properties = imp.getPropertiesAsArray();
        new TiffEncoder(fi).write(new DataOutputStream(out));
    }

    /** Writes a single 8- or 16-bit image as PNG (PNG keeps no slice label: the file name is the image's name). */
    public static void writePng(EyeDataset ds, Path file) throws IOException {
        if (ds.size() != 1 || ds.bitDepth() == 32) {
            throw new DataInputException("cannot write " + file + ": a PNG holds one 8- or 16-bit image, and this dataset has "
                    + ds.size() + " images of " + ds.bitDepth() + " bits; write a .tif stack instead");
        }
        ImagePlus imp = ImageStacks.toImagePlus(ds, file.getFileName().toString());
        AtomicFile.writePath(file, temporary -> {
            try {
                new PNG_Writer().writeImage(imp, temporary.toString(), -1);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("ImageJ could not save the PNG " + file + ": " + e.getMessage(), e);
            }
        });
    }
}
