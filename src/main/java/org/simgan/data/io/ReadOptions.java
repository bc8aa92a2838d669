package org.simgan.data.io;

import java.nio.file.Path;

/**
 * How {@link DatasetIo} reads images: which part of a file, where the gaze labels come from, and what size the
 * caller needs. Immutable; every {@code with}-style method returns a changed copy. {@link #defaults()} reads the
 * whole file at its own size, labels wherever the file has them, none required.
 *
 * @param hdf5Dataset   HDF5 path of the images (a group of 2-D datasets or one 3-D dataset); null: {@code image}
 * @param hdf5Labels    HDF5 path of the (N,3) or (N,4) gaze vectors; null: {@code look_vec} when the file has it
 * @param labelsCsv     a CSV file of gaze labels in image order (see {@link CsvGazeLabels}); null: none
 * @param from          index of the first image to read
 * @param count         how many images to read; -1: all from {@code from} on
 * @param width         required image width; 0: any
 * @param height        required image height; 0: any
 * @param resize        how to resize images of another size to the required one; null: refuse them with an error
 * @param requireLabels when true, every image must have a gaze
 * @param hdf5DatasetOption how the caller lets a user choose {@code hdf5Dataset}, for messages (for example
 *                      {@code --real-dataset PATH}); null: messages speak of "the HDF5 dataset option"
 */
public record ReadOptions(String hdf5Dataset, String hdf5Labels, Path labelsCsv, int from, int count,
                          int width, int height, Interpolation resize, boolean requireLabels, String hdf5DatasetOption) {

    /** The image size SimGAN works on (Kaggle "eye-gaze"): 55 wide, 35 high. */
    public static final int EYE_WIDTH = 55;
    public static final int EYE_HEIGHT = 35;
    /** Where the eye-gaze files keep their images and gaze vectors. */
    public static final String DEFAULT_IMAGE_PATH = "image";
    public static final String DEFAULT_LABEL_PATH = "look_vec";

    public ReadOptions {
        if (from < 0) throw new IllegalArgumentException("the first image index must be 0 or more, got " + from);
        if (count < -1) throw new IllegalArgumentException("the image count must be -1 (all) or more, got " + count);
        if (width < 0 || height < 0) throw new IllegalArgumentException("a required size must be positive or 0 (any)");
        if ((width == 0) != (height == 0)) throw new IllegalArgumentException("require both a width and a height, or neither");
    }

    public static ReadOptions defaults() {
        return new ReadOptions(null, null, null, 0, -1, 0, 0, null, false, null);
    }

    /** Images from this HDF5 path (a group or a 3-D dataset), for example {@code /data/eyes}. */
    public ReadOptions withHdf5Dataset(String path) {
        return new ReadOptions(path, hdf5Labels, labelsCsv, from, count, width, height, resize, requireLabels, hdf5DatasetOption);
    }

    /** Gaze vectors from this HDF5 path; it must then exist. */
    public ReadOptions withHdf5Labels(String path) {
        return new ReadOptions(hdf5Dataset, path, labelsCsv, from, count, width, height, resize, requireLabels, hdf5DatasetOption);
    }

    /** Gaze labels from a CSV file, one row per image of the whole file, replacing labels found in the images. */
    public ReadOptions withLabelsCsv(Path csv) {
        return new ReadOptions(hdf5Dataset, hdf5Labels, csv, from, count, width, height, resize, requireLabels, hdf5DatasetOption);
    }

    /** Only images {@code from} .. {@code from + count - 1}; count -1 reads to the end. */
    public ReadOptions withRange(int from, int count) {
        return new ReadOptions(hdf5Dataset, hdf5Labels, labelsCsv, from, count, width, height, resize, requireLabels, hdf5DatasetOption);
    }

    /** Images must be {@code width} x {@code height}; others are an error unless {@link #withResize} is set. */
    public ReadOptions withRequiredSize(int width, int height) {
        return new ReadOptions(hdf5Dataset, hdf5Labels, labelsCsv, from, count, width, height, resize, requireLabels, hdf5DatasetOption);
    }

    /** Images must be 55 wide and 35 high, the SimGAN eye size. */
    public ReadOptions withEyeSize() {
        return withRequiredSize(EYE_WIDTH, EYE_HEIGHT);
    }

    /** Resize images that are not the required size, instead of refusing them. */
    public ReadOptions withResize(Interpolation interpolation) {
        return new ReadOptions(hdf5Dataset, hdf5Labels, labelsCsv, from, count, width, height, interpolation, requireLabels, hdf5DatasetOption);
    }

    /** How a user chooses the HDF5 image path in the calling command, named in the message when the path is missing. */
    public ReadOptions withHdf5DatasetOption(String option) {
        return new ReadOptions(hdf5Dataset, hdf5Labels, labelsCsv, from, count, width, height, resize, requireLabels, option);
    }

    public ReadOptions withLabelsRequired(boolean required) {
        return new ReadOptions(hdf5Dataset, hdf5Labels, labelsCsv, from, count, width, height, resize, required, hdf5DatasetOption);
    }

    boolean hasRequiredSize() {
        return width > 0;
    }

    String imagePath() {
        return hdf5Dataset == null || hdf5Dataset.isBlank() ? DEFAULT_IMAGE_PATH : hdf5Dataset;
    }
}
