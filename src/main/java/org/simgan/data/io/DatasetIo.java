package org.simgan.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;
import org.simgan.io.OutputFiles;

/**
 * The one way in and out for eye images: picks the format from the path (a folder, {@code .h5}/{@code .hdf5},
 * {@code .tif}/{@code .tiff}; other names by their content), then applies the {@link ReadOptions} the same way for
 * every format: the image range, CSV labels, required labels, required size and explicit resizing.
 * Inputs are only read; writes are atomic.
 */
public final class DatasetIo {

    /** The formats {@link DatasetIo} reads. */
    public enum Format {
        /** HDF5 file: {@link Hdf5Reader}, {@link Hdf5Writer}. */
        HDF5,
        /** TIFF stack (or a single PNG/JPEG image for reading): {@link TiffStackFile}. */
        TIFF,
        /** Folder of PNG/TIFF images: {@link ImageFolderReader}. */
        IMAGE_FOLDER,
        /** Folder of UnityEyes renders ({@code N.jpg} + {@code N.json}): {@link UnityEyesFolderReader}. */
        UNITYEYES_FOLDER
    }

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private DatasetIo() {
    }

    /** Which format {@code path} holds. */
    public static Format detect(Path path) throws IOException {
        InputFiles.requireExists(path, "input");
        if (Files.isDirectory(path)) {
            return UnityEyesFolderReader.isUnityEyesFolder(path) ? Format.UNITYEYES_FOLDER : Format.IMAGE_FOLDER;
        }
        switch (InputFiles.extension(path)) {
            case "h5", "hdf5", "he5", "hdf":
                return Format.HDF5;
            case "tif", "tiff", "png", "jpg", "jpeg":
                return Format.TIFF;
            default:
                break;
        }
        InputFiles.requireReadableFile(path, "input");
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(path)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read == 8 && Arrays.equals(head, HDF5_SIGNATURE)) return Format.HDF5;
        if (read >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42))) {
            return Format.TIFF;
        }
        throw new DataInputException("cannot tell the format of " + path + ": its name does not end in .h5, .hdf5, .tif or .tiff "
                + "and its content is neither HDF5 nor TIFF; give an HDF5 file, a TIFF stack or a folder of images");
    }

    /** The whole file or folder, with default options. */
    public static EyeDataset read(Path path) throws IOException {
        return read(path, ReadOptions.defaults());
    }

    /** The images {@code options} select from {@code path}, labelled, checked and (when asked) resized. */
    public static EyeDataset read(Path path, ReadOptions options) throws IOException {
        try (BatchReader reader = openBatches(path, options, Integer.MAX_VALUE)) {
            return reader.readRest();
        }
    }

    /**
     * Opens {@code path} for reading the selected images in batches of {@code batchSize}. Close the reader when done.
     * An empty selection gives a reader with no batches.
     */
    public static BatchReader openBatches(Path path, ReadOptions options, int batchSize) throws IOException {
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        ImageSource source = openSource(path, options);
        try {
            int total = source.count();
            int from = options.from();
            if (from > total || (from == total && options.count() > 0)) {
                throw new DataInputException("the range starts at image " + from + " but " + path + " holds " + total
                        + " images (0.." + (total - 1) + "); choose a first image below " + total);
            }
            int n = options.count() < 0 ? total - from : options.count();
            if (from + (long) n > total) {
                throw new DataInputException("the range " + from + ".." + (from + n - 1) + " reaches past the end of " + path + ", which holds "
                        + total + " images; read at most " + (total - from) + " images from " + from);
            }
            List<Gaze> csv = null;
            if (options.labelsCsv() != null) {
                csv = CsvGazeLabels.read(options.labelsCsv());
                if (csv.size() != total) {
                    throw new DataInputException("label file " + options.labelsCsv() + " has " + csv.size() + " gaze rows but " + path
                            + " holds " + total + " images: label count and image count must match one to one (one row per image, "
                            + "in image order); fix the CSV or give the matching images");
                }
            }
            return new BatchReader(source, path, options, csv, from, from + n, batchSize);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** Writes {@code ds} to {@code path} atomically, in the format its extension names (.h5/.hdf5, .tif/.tiff, or .png for a single image). */
    public static void write(EyeDataset ds, Path path) throws IOException {
        write(path, ds.size(), sink -> sink.append(ds));
    }

    /** Carries a producer's unchecked exception through the atomic write, which names its target in writing errors. */
    private static final class ProducerFailure extends IOException {
        ProducerFailure(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Takes images in order, a part at a time. */
    public interface Sink {
        void append(EyeDataset part) throws IOException;
    }

    /** Hands a file's images to a {@link Sink}, a part at a time (for example a batch as it is refined or rendered). */
    @FunctionalInterface
    public interface Producer {
        void produce(Sink sink) throws IOException;
    }

    /**
     * Writes {@code count} images that {@code producer} hands over in parts to {@code path}, atomically: the file
     * appears under its name only when all were written, and a failure or a kill leaves nothing under that name.
     * HDF5 is written as the parts come, in memory that does not grow with {@code count} ({@link Hdf5Writer});
     * TIFF and PNG are assembled in memory first.
     *
     * @throws IOException also when the producer hands over another number of images (nothing is written then); the
     *                     producer's own unchecked exceptions pass unchanged
     */
    public static void write(Path path, int count, Producer producer) throws IOException {
        switch (InputFiles.extension(path)) {
            case "h5", "hdf5" -> {
                try {
                    org.simgan.io.AtomicFile.writePath(path, temporary -> {
                        try (Hdf5Writer writer = new Hdf5Writer(temporary, count, path)) {
                            try {
                                producer.produce(writer);
                            } catch (RuntimeException e) {
                                throw new ProducerFailure(e);
                            }
                            writer.finish();
                        }
                    });
                } catch (ProducerFailure f) {
                    throw (RuntimeException) f.getCause(); // the producer's own error (a stop, a bad image), not a writing one
                }
            }
            case "tif", "tiff", "png" -> {
                List<EyeDataset> parts = new java.util.ArrayList<>();
                producer.produce(parts::add);
                if (parts.isEmpty()) throw new IOException("no images to write to " + path);
                EyeDataset all = parts.size() == 1 ? parts.get(0) : EyeDataset.concat(parts);
                if (all.size() != count) {
                    throw new IOException("expected " + count + " images for " + path + ", got " + all.size());
                }
                if (InputFiles.extension(path).equals("png")) TiffStackFile.writePng(all, path);
                else TiffStackFile.write(all, path);
            }
            default -> throw unwritableName(path);
        }
    }

    private static DataInputException unwritableName(Path path) {
        return new DataInputException("cannot write " + path + ": the name must end in .h5/.hdf5 (HDF5), "
                + ".tif/.tiff (TIFF stack) or .png (one image); choose one of those");
    }

    /**
     * The checks on an image output before any work: {@link #write} can write its kind (by the extension; a PNG
     * holds one image, so {@code images} must be 1 when known, -1 when not), it is none of {@code inputs}, and its
     * folder exists and takes new files. Changes nothing (stale temporaries of an earlier, killed write aside).
     *
     * @param what how the command names the output, for messages (for example {@code --out})
     */
    public static void checkOutput(Path output, String what, int images, Path... inputs) throws IOException {
        switch (InputFiles.extension(output)) {
            case "h5", "hdf5", "tif", "tiff" -> {
            }
            case "png" -> {
                if (images > 1) {
                    throw new DataInputException("cannot write " + output + " (" + what + "): a PNG holds one image, and there are " + images
                            + "; write a .tif stack or an .h5 file instead");
                }
            }
            default -> throw unwritableName(output);
        }
        OutputFiles.requireNotAnInput(output, what, inputs);
        OutputFiles.requireWritableFile(output);
    }

    /**
     * A copy of {@code ds} whose images carry the given gazes (in image order), names unchanged.
     *
     * @param source where the gazes came from, for the error message
     */
    public static EyeDataset withGazes(EyeDataset ds, List<Gaze> gazes, String source) throws DataInputException {
        if (gazes.size() != ds.size()) {
            throw new DataInputException(source + " has " + gazes.size() + " gaze labels but there are " + ds.size()
                    + " images: label count and image count must match one to one; give one label per image, in image order");
        }
        SliceLabel[] labels = new SliceLabel[ds.size()];
        for (int i = 0; i < ds.size(); i++) labels[i] = ds.label(i).withGaze(gazes.get(i));
        return ds.withLabels(labels);
    }

    private static ImageSource openSource(Path path, ReadOptions options) throws IOException {
        return switch (detect(path)) {
            case HDF5 -> Hdf5Reader.open(path, options);
            case TIFF -> ImageSource.of(TiffStackFile.read(path));
            case IMAGE_FOLDER -> ImageFolderReader.open(path);
            case UNITYEYES_FOLDER -> UnityEyesFolderReader.open(path);
        };
    }

    /** The steps every read shares, applied to images {@code first ..} of {@code origin}. */
    static EyeDataset prepare(EyeDataset ds, Object origin, ReadOptions options, List<Gaze> csvGazes, int first)
            throws DataInputException {
        EyeDataset out = ds;
        if (csvGazes != null) {
            out = withGazes(out, csvGazes.subList(first, first + ds.size()), "label file " + options.labelsCsv());
        }
        if (options.requireLabels()) {
            for (int i = 0; i < out.size(); i++) {
                if (!out.label(i).hasGaze()) {
                    throw new DataInputException("image '" + out.label(i).name() + "' (number " + (first + i) + ") of " + origin
                            + " has no gaze label, but labels are required here; give a CSV label file, an HDF5 look_vec "
                            + "dataset, or slice labels with a gaze= line for every image");
                }
            }
        }
        if (options.hasRequiredSize() && (out.width() != options.width() || out.height() != options.height())) {
            if (options.resize() == null) {
                throw new DataInputException("images in " + origin + " are " + out.width() + "x" + out.height()
                        + " (width x height), but " + options.width() + "x" + options.height() + " is required; "
                        + "resize them explicitly with the resize option (bilinear or area), or give images of that size");
            }
            out = Resize.resize(out, options.width(), options.height(), options.resize());
        }
        return out;
    }
}
