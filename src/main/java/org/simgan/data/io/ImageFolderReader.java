package org.simgan.data.io;

import ij.ImagePlus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.simgan.data.EyeDataset;
import org.simgan.data.SliceLabel;

/**
 * A folder of single-image files ({@code .png}, {@code .tif}, {@code .tiff}), read with ImageJ's own reader in
 * file-name order (digit runs compare as numbers: {@code 2.png} before {@code 10.png}). Each image is named by
 * its file name; a gaze line in a TIFF's slice label is kept. All images must share one size and bit depth.
 * Only the files of the range read are opened.
 */
public final class ImageFolderReader implements ImageSource {

    static final Set<String> EXTENSIONS = Set.of("png", "tif", "tiff");

    private final Path folder;
    private final List<Path> files;
    private int width;
    private int height;
    private int bitDepth;
    private Path first;

    private ImageFolderReader(Path folder, List<Path> files) {
        this.folder = folder;
        this.files = files;
    }

    public static ImageFolderReader open(Path folder) throws IOException {
        InputFiles.requireReadableFolder(folder, "image folder");
        List<Path> files = imageFiles(folder);
        if (files.isEmpty()) {
            throw new DataInputException("folder " + folder + " holds no PNG or TIFF images (.png, .tif, .tiff); "
                    + "give a folder of images, a TIFF stack or an HDF5 file");
        }
        return new ImageFolderReader(folder, files);
    }

    /** The folder's image files, in the order they become images. */
    static List<Path> imageFiles(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> EXTENSIONS.contains(InputFiles.extension(p)))
                    .sorted((a, b) -> NameOrder.INSTANCE.compare(a.getFileName().toString(), b.getFileName().toString()))
                    .toList();
        }
    }

    public static EyeDataset read(Path folder) throws IOException {
        try (ImageFolderReader reader = open(folder)) {
            return reader.read(0, reader.count());
        }
    }

    @Override
    public int count() {
        return files.size();
    }

    @Override
    public EyeDataset read(int from, int n) throws IOException {
        float[][] pixels = new float[n][];
        SliceLabel[] labels = new SliceLabel[n];
        for (int i = 0; i < n; i++) {
            Path file = files.get(from + i);
            ImagePlus imp = ImageJFiles.open(file, "image");
            EyeDataset one;
            try {
                ImageJFiles.requireComplete(file, imp);
                one = ImageStacks.fromImagePlus(imp);
            } catch (DataInputException e) {
                throw e.getMessage().startsWith(file.toString()) ? e : new DataInputException(file + ": " + e.getMessage(), e);
            } finally {
                imp.close();
            }
            if (one.size() != 1) {
                throw new DataInputException(file + " holds " + one.size() + " images, but each file in an image folder must hold one; "
                        + "read that stack on its own, or save its slices as separate files");
            }
            checkSameKind(file, one);
            pixels[i] = one.pixels(0);
            labels[i] = one.label(0).withName(file.getFileName().toString());
        }
        if (n == 0) return new EyeDataset(Math.max(width, 1), Math.max(height, 1), bitDepth == 0 ? 8 : bitDepth, pixels, labels);
        return new EyeDataset(width, height, bitDepth, pixels, labels);
    }

    private void checkSameKind(Path file, EyeDataset one) throws DataInputException {
        if (first == null) {
            first = file;
            width = one.width();
            height = one.height();
            bitDepth = one.bitDepth();
            return;
        }
        if (one.width() != width || one.height() != height) {
            throw new DataInputException(file + " is " + one.width() + "x" + one.height() + " (width x height) but " + first.getFileName()
                    + " in the same folder is " + width + "x" + height + "; all images in " + folder + " must have one size");
        }
        if (one.bitDepth() != bitDepth) {
            throw new DataInputException(file + " is " + one.bitDepth() + "-bit but " + first.getFileName() + " is " + bitDepth
                    + "-bit; convert all images in " + folder + " to one bit depth");
        }
    }
}
