package org.simgan.data.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;

/**
 * Reads eye images from an HDF5 file (through jhdf), in either layout found in the wild:
 * <ul>
 * <li>{@link Layout#GROUP_OF_IMAGES}: a group (default {@code image}) holding one 2-D (height, width) dataset per
 * image, images ordered by dataset name (the Kaggle "eye-gaze" {@code gaze.h5} / {@code real_gaze.h5} layout);
 * image names are the dataset names;</li>
 * <li>{@link Layout#STACK}: one 3-D dataset (N, height, width); image names are the zero-padded indices
 * {@code 00000, 00001, ...}.</li>
 * </ul>
 * Images may be unsigned or signed 8-bit or 16-bit integers (bit depth 8 or 16) or 32/64-bit floats (bit depth
 * 32); an integer attribute {@code bit_depth} on the image group or dataset overrides the bit depth implied by
 * the type (earlier versions of this project wrote 8-bit images as int16 marked so). A root dataset
 * {@code name} of N strings, when present, gives the image names, and one of N strings {@code source} the collection
 * each image came from (a {@code source=} line in its label, {@link SliceLabel#source()}).
 * <p>
 * Gaze labels come from an (N, 3) or (N, 4) dataset of look vectors (default {@code look_vec}, used when present).
 * Any range of images can be read without reading the rest, so a large file can be processed in batches
 * ({@link #read(int, int)}); the file stays open until {@link #close()}.
 */
public final class Hdf5Reader implements ImageSource {

    /** The two ways eye images are laid out in HDF5 files. */
    public enum Layout { GROUP_OF_IMAGES, STACK }

    static final String BIT_DEPTH_ATTRIBUTE = "bit_depth";
    static final String NAME_DATASET = "name";
    static final String SOURCE_DATASET = "source";

    private final Path file;
    private final HdfFile hdf;
    private final Layout layout;
    private final String imagePath;
    private final List<Dataset> imageDatasets; // GROUP_OF_IMAGES: one per image, in name order
    private final Dataset stack;               // STACK
    private final Dataset labels;              // null when the file has none
    private final String[] names;              // null: from datasets or indices
    private final String[] sources;            // null when the file names no collections
    private float[] allLabelValues;            // read on first use
    private final int count;
    private final int width;
    private final int height;
    private final int bitDepth;
    private final boolean signedBytes;

    private static String chooseWith(ReadOptions options) {
        return options.hdf5DatasetOption() == null ? "Choose the images with the HDF5 dataset option."
                : "Choose the images with " + options.hdf5DatasetOption() + ".";
    }

    private Hdf5Reader(Path file, HdfFile hdf, ReadOptions options) throws DataInputException {
        this.file = file;
        this.hdf = hdf;
        this.imagePath = options.imagePath();
        Node node = find(hdf, imagePath);
        if (node == null) {
            throw new DataInputException("HDF5 file " + file + " has no dataset or group '" + imagePath + "'. It has: "
                    + describeContents(hdf) + ". " + chooseWith(options));
        }
        Dataset first;
        Node bitDepthHolder = node;
        if (node instanceof Group group) {
            layout = Layout.GROUP_OF_IMAGES;
            List<String> keys = new ArrayList<>();
            for (Node child : group.getChildren().values()) {
                if (child instanceof Dataset) keys.add(child.getName());
            }
            keys.sort(NameOrder.INSTANCE);
            if (keys.isEmpty()) {
                throw new DataInputException("HDF5 group '" + imagePath + "' in " + file + " holds no datasets, so no images. It has: "
                        + describeContents(hdf) + ". " + chooseWith(options));
            }
            imageDatasets = new ArrayList<>(keys.size());
            for (String key : keys) imageDatasets.add((Dataset) group.getChild(key));
            stack = null;
            first = imageDatasets.get(0);
            int[] dims = first.getDimensions();
            if (dims.length != 2) {
                throw new DataInputException("HDF5 dataset " + first.getPath() + " in " + file + " has shape " + Arrays.toString(dims)
                        + ", but a group of images must hold 2-D (height, width) datasets; for a 3-D (N, height, width) stack name that dataset instead");
            }
            count = keys.size();
            height = dims[0];
            width = dims[1];
        } else if (node instanceof Dataset dataset) {
            layout = Layout.STACK;
            int[] dims = dataset.getDimensions();
            if (dims.length != 3) {
                throw new DataInputException("HDF5 dataset '" + imagePath + "' in " + file + " has shape " + Arrays.toString(dims)
                        + ", but images must be one 3-D (N, height, width) dataset or a group of 2-D datasets. It has: "
                        + describeContents(hdf) + ".");
            }
            imageDatasets = null;
            stack = dataset;
            first = dataset;
            count = dims[0];
            height = dims[1];
            width = dims[2];
        } else {
            throw new DataInputException("HDF5 node '" + imagePath + "' in " + file + " is neither a group nor a dataset; choose another path");
        }
        if (count > 0 && (width <= 0 || height <= 0)) {
            throw new DataInputException("HDF5 images '" + imagePath + "' in " + file + " have an empty size " + width + "x" + height);
        }
        DataType type = first.getDataType();
        this.bitDepth = bitDepthOf(type, attributeBitDepth(bitDepthHolder), first.getPath());
        this.signedBytes = type instanceof FixedPoint fp && fp.isSigned();
        this.labels = findLabels(options);
        this.names = findStrings(NAME_DATASET);
        this.sources = findStrings(SOURCE_DATASET);
    }

    /** Opens {@code file}; only its structure is read until {@link #read} is called. Close it when done. */
    public static Hdf5Reader open(Path file, ReadOptions options) throws IOException {
        InputFiles.requireReadableFile(file, "HDF5 file");
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (HdfException | IllegalArgumentException e) {
            throw new DataInputException("cannot open " + file + " as HDF5: " + e.getMessage()
                    + ". The file is not HDF5 or is damaged; check that it is the right file or copy it again", e);
        }
        try {
            return new Hdf5Reader(file, hdf, options);
        } catch (IOException | RuntimeException e) {
            hdf.close();
            if (e instanceof HdfException) {
                throw new DataInputException("cannot read the structure of HDF5 file " + file + ": " + e.getMessage()
                        + ". The file is damaged or truncated; copy it again", e);
            }
            throw e;
        }
    }

    public Layout layout() {
        return layout;
    }

    /** Number of images in the file. */
    public int count() {
        return count;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int bitDepth() {
        return bitDepth;
    }

    /** Whether the file has a gaze dataset. */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * Ranges of more pixel bytes than this (system property {@code simgan.hdf5.onDemandBytes}, default 256 MB) of an
     * unsigned 8- or 16-bit contiguous stack are not read into memory: their pixels are read from the file whenever
     * they are used ({@link EyeDataset#onDemand}), so that training on a million images needs memory for their
     * labels only.
     */
    static long onDemandBytes() {
        return Long.getLong("simgan.hdf5.onDemandBytes", 256L << 20);
    }

    /**
     * Images {@code from} .. {@code from + n - 1}, with their names and (when the file has them) gazes. A large
     * range of an unsigned-integer stack keeps its pixels in the file ({@link #onDemandBytes()}); the file must then
     * stay unchanged while the images are used.
     */
    public EyeDataset read(int from, int n) throws IOException {
        if (from < 0 || n < 0 || from + (long) n > count) {
            throw new DataInputException("cannot read images " + from + ".." + (from + n - 1) + " of " + file + ": it holds "
                    + count + " images (0.." + (count - 1) + "); choose a range inside it");
        }
        try {
            Gaze[] gazes = readGazes(from, n);
            FilePixels onDemand = (long) n * width * height * (bitDepth / 8) > onDemandBytes() ? FilePixels.of(this, from) : null;
            if (onDemand != null) {
                SliceLabel[] labels = new SliceLabel[n];
                for (int i = 0; i < n; i++) labels[i] = labelOf(from + i, gazes == null ? null : gazes[i]);
                return EyeDataset.onDemand(width, height, bitDepth, onDemand, labels);
            }
            EyeDataset.Builder images = new EyeDataset.Builder(width, height, bitDepth);
            int pixels = width * height;
            // in blocks, so that only one block is ever held as floats (8-bit images are then kept as bytes)
            int block = Math.max(1, (1 << 22) / pixels);
            for (int b0 = 0; b0 < n; b0 += block) {
                int bn = Math.min(block, n - b0);
                float[] all = layout == Layout.STACK ? readStackBlock(from + b0, bn) : null;
                for (int i = b0; i < b0 + bn; i++) {
                    float[] px;
                    if (all != null) {
                        px = Arrays.copyOfRange(all, (i - b0) * pixels, (i - b0 + 1) * pixels);
                    } else {
                        Dataset d = imageDatasets.get(from + i);
                        int[] dims = d.getDimensions();
                        if (dims.length != 2 || dims[0] != height || dims[1] != width) {
                            throw new DataInputException("HDF5 image " + d.getPath() + " in " + file + " has shape " + Arrays.toString(dims)
                                    + " but the first image is " + height + "x" + width + " (height x width); all images must have one size");
                        }
                        px = flatten(d.getDataFlat(), pixels);
                    }
                    checkRange(px, from + i);
                    images.add(px, labelOf(from + i, gazes == null ? null : gazes[i]));
                }
            }
            return images.build();
        } catch (HdfException e) {
            throw new DataInputException("cannot read images " + from + ".." + (from + n - 1) + " from " + file + ": "
                    + e.getMessage() + ". The file is damaged or truncated; copy it again", e);
        }
    }

    @Override
    public void close() {
        hdf.close();
    }

    /**
     * The pixels of a contiguous stack of unsigned 8- or 16-bit integers, read straight from the file by position
     * (through a channel of its own, closed when no dataset uses it any more). Safe for concurrent reads.
     */
    private static final class FilePixels implements EyeDataset.PixelSource {
        private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();
        private final Path file;
        private final java.nio.channels.FileChannel channel;
        private final long start;
        private final int bytesPerImage;
        private final int bytesPerPixel;
        private final ByteOrder order;

        private FilePixels(Path file, long start, int bytesPerImage, int bytesPerPixel, ByteOrder order) throws IOException {
            this.file = file;
            this.start = start;
            this.bytesPerImage = bytesPerImage;
            this.bytesPerPixel = bytesPerPixel;
            this.order = order;
            java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ);
            this.channel = c;
            CLEANER.register(this, () -> {
                try {
                    c.close();
                } catch (IOException e) {
                    // nothing to do: the channel was only read
                }
            });
        }

        /** Pixels of images from {@code first} of the reader's stack, or null when its layout does not allow this. */
        static FilePixels of(Hdf5Reader r, int first) throws IOException {
            if (r.layout != Layout.STACK || !(r.stack instanceof io.jhdf.api.dataset.ContiguousDataset contiguous)) return null;
            if (!(r.stack.getDataType() instanceof FixedPoint fp) || fp.isSigned() || fp.getSize() * 8 != r.bitDepth) return null;
            long address = contiguous.getDataAddress();
            if (address < 0) return null; // never written
            int bytesPerImage = r.width * r.height * fp.getSize();
            long start = r.hdf.getUserBlockSize() + address + (long) first * bytesPerImage;
            if (start + (long) (r.count - first) * bytesPerImage > java.nio.file.Files.size(r.file)) {
                throw new DataInputException("HDF5 file " + r.file + " is shorter than its " + r.count + " images need: it is "
                        + "truncated or damaged; copy it again");
            }
            return new FilePixels(r.file, start, bytesPerImage, fp.getSize(), fp.getByteOrder());
        }

        @Override
        public void copy(int index, float[] dst, int offset) {
            ByteBuffer b = ByteBuffer.allocate(bytesPerImage).order(order);
            long position = start + (long) index * bytesPerImage;
            try {
                while (b.hasRemaining()) {
                    if (channel.read(b, position + b.position()) < 0) throw new java.io.EOFException("end of file");
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read image " + index + " of " + file + ": " + e.getMessage()
                        + ". The file must stay as it was while its images are used; check that it was not changed or removed", e);
            }
            b.flip();
            int n = bytesPerImage / bytesPerPixel;
            if (bytesPerPixel == 1) {
                for (int j = 0; j < n; j++) dst[offset + j] = b.get(j) & 0xff;
            } else {
                for (int j = 0; j < n; j++) dst[offset + j] = b.getShort(2 * j) & 0xffff;
            }
        }
    }

    /**
     * Images {@code from .. from+n-1} of the 3-D dataset, flattened. jhdf 0.9.4 returns zeros from
     * {@code getData(offset, shape)} on chunked datasets beyond the first chunks, so chunked data is assembled here
     * from whole decompressed chunks (only those the range touches, keeping memory bounded).
     */
    private float[] readStackBlock(int from, int n) {
        if (n == 0) return new float[0];
        if (!(stack instanceof ChunkedDataset chunked)) {
            return flatten(stack.getData(new long[] {from, 0, 0}, new int[] {n, height, width}), n * width * height);
        }
        int[] chunk = chunked.getChunkDimensions();
        ElementDecoder decoder = ElementDecoder.of(stack.getDataType());
        float[] out = new float[n * height * width];
        for (int c0 = from / chunk[0] * chunk[0]; c0 < from + n; c0 += chunk[0]) {
            for (int c1 = 0; c1 < height; c1 += chunk[1]) {
                for (int c2 = 0; c2 < width; c2 += chunk[2]) {
                    byte[] raw;
                    try {
                        raw = chunked.getDecompressedChunk(new int[] {c0, c1, c2});
                    } catch (HdfException e) {
                        if (String.valueOf(e.getMessage()).startsWith("No chunk")) continue; // never written: fill value 0
                        throw e;
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(raw).order(decoder.order());
                    for (int i = Math.max(c0, from); i < Math.min(c0 + chunk[0], from + n); i++) {
                        for (int y = c1; y < Math.min(c1 + chunk[1], height); y++) {
                            for (int x = c2; x < Math.min(c2 + chunk[2], width); x++) {
                                int inChunk = ((i - c0) * chunk[1] + (y - c1)) * chunk[2] + (x - c2);
                                out[((i - from) * height + y) * width + x] = decoder.decode(buffer, inChunk);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Reads one number of an HDF5 integer or float type from raw bytes. */
    private record ElementDecoder(ByteOrder order, int size, boolean floating, boolean signed) {
        static ElementDecoder of(DataType type) {
            if (type instanceof FloatingPoint fp) return new ElementDecoder(fp.getByteOrder(), fp.getSize(), true, true);
            FixedPoint fx = (FixedPoint) type;
            return new ElementDecoder(fx.getByteOrder(), fx.getSize(), false, fx.isSigned());
        }

        float decode(ByteBuffer b, int index) {
            int at = index * size;
            if (floating) return size == 4 ? b.getFloat(at) : (float) b.getDouble(at);
            return switch (size) {
                case 1 -> signed ? b.get(at) : b.get(at) & 0xff;
                case 2 -> signed ? b.getShort(at) : b.getShort(at) & 0xffff;
                case 4 -> signed ? b.getInt(at) : (float) (b.getInt(at) & 0xffffffffL);
                default -> b.getLong(at);
            };
        }
    }

    private SliceLabel labelOf(int index, Gaze gaze) {
        String source = sources == null ? null : sources[index].replaceAll("\\R", " ").trim();
        return new SliceLabel(nameOf(index), gaze, source == null || source.isEmpty() ? List.of() : List.of(SliceLabel.SOURCE_KEY + source));
    }

    private String nameOf(int index) {
        if (names != null) return names[index];
        if (layout == Layout.GROUP_OF_IMAGES) return imageDatasets.get(index).getName();
        return Pixels.indexName(index);
    }

    private Gaze[] readGazes(int from, int n) throws DataInputException {
        if (labels == null || n == 0) return null;
        int columns = labels.getDimensions()[1];
        if (allLabelValues == null) {
            // Read whole (N x 3 floats is small): jhdf 0.9.4 slices chunked datasets wrongly.
            allLabelValues = flatten(labels.getData(), count * columns);
        }
        float[] values = Arrays.copyOfRange(allLabelValues, from * columns, (from + n) * columns);
        Gaze[] gazes = new Gaze[n];
        for (int i = 0; i < n; i++) {
            int o = i * columns;
            try {
                gazes[i] = new Gaze(values[o], values[o + 1], values[o + 2]);
            } catch (IllegalArgumentException e) {
                throw new DataInputException("gaze row " + (from + i) + " of HDF5 dataset " + labels.getPath() + " in " + file
                        + " is not a usable look vector: " + e.getMessage() + "; fix that row or read without labels");
            }
        }
        return gazes;
    }

    private Dataset findLabels(ReadOptions options) throws DataInputException {
        boolean named = options.hdf5Labels() != null && !options.hdf5Labels().isBlank();
        String path = named ? options.hdf5Labels() : ReadOptions.DEFAULT_LABEL_PATH;
        Node node = find(hdf, path);
        if (node == null) {
            if (!named) return null;
            throw new DataInputException("HDF5 file " + file + " has no gaze dataset '" + path + "'. It has: "
                    + describeContents(hdf) + ". Name the (N,3) look-vector dataset it does have, or read without HDF5 labels.");
        }
        if (!(node instanceof Dataset d) || d.getDimensions().length != 2
                || (d.getDimensions()[1] != 3 && d.getDimensions()[1] != 4)) {
            String shape = node instanceof Dataset d2 ? Arrays.toString(d2.getDimensions()) : "a group";
            throw new DataInputException("HDF5 gaze dataset " + node.getPath() + " in " + file + " is " + shape
                    + ", but gaze labels must be an (N, 3) or (N, 4) dataset of look vectors; name another dataset");
        }
        if (d.getDimensions()[0] != count) {
            throw new DataInputException("HDF5 file " + file + " has " + d.getDimensions()[0] + " gaze vectors in " + d.getPath()
                    + " but " + count + " images: label count and image count must match one to one; fix the file or give labels another way");
        }
        return d;
    }

    /** A root dataset of one string per image ({@code name}, {@code source}), or null when there is none such. */
    private String[] findStrings(String dataset) {
        Node node = find(hdf, dataset);
        if (node instanceof Dataset d && d.getDimensions().length == 1 && d.getDimensions()[0] == count
                && d.getJavaType() == String.class) {
            return (String[]) d.getData();
        }
        return null;
    }

    private int attributeBitDepth(Node node) {
        Attribute a = node.getAttribute(BIT_DEPTH_ATTRIBUTE);
        if (a == null) return 0;
        Object v = a.getData();
        if (v instanceof Number number) return number.intValue();
        if (v != null && v.getClass().isArray() && java.lang.reflect.Array.getLength(v) == 1
                && java.lang.reflect.Array.get(v, 0) instanceof Number number) {
            return number.intValue();
        }
        return 0;
    }

    private int bitDepthOf(DataType type, int attribute, String path) throws DataInputException {
        int fromType;
        if (type instanceof FloatingPoint) {
            fromType = 32;
        } else if (type instanceof FixedPoint && (type.getSize() == 1 || type.getSize() == 2)) {
            fromType = type.getSize() * 8;
        } else if (type instanceof FixedPoint && attribute != 0) {
            fromType = attribute;
        } else {
            throw new DataInputException("HDF5 images " + path + " in " + file + " are of type " + describe(type)
                    + ", which is not supported: images must be 8-bit or 16-bit integers or floats; convert the file");
        }
        int depth = attribute != 0 ? attribute : fromType;
        if (depth != 8 && depth != 16 && depth != 32) {
            throw new DataInputException("HDF5 images " + path + " in " + file + " declare bit depth " + depth
                    + "; only 8, 16 and 32 (float) are supported; fix the '" + BIT_DEPTH_ATTRIBUTE + "' attribute");
        }
        return depth;
    }

    private void checkRange(float[] pixels, int index) throws DataInputException {
        float max = bitDepth == 8 ? 255 : bitDepth == 16 ? 65535 : Float.MAX_VALUE;
        for (float v : pixels) {
            boolean bad = bitDepth == 32 ? !Float.isFinite(v) : (v < 0 || v > max);
            if (bad) {
                String hint = signedBytes ? " (the file stores signed integers)" : "";
                throw new DataInputException("image " + index + " in " + file + " has pixel value " + v + hint
                        + ", outside the " + (bitDepth == 32 ? "finite float" : "0.." + (int) max) + " range of " + bitDepth
                        + "-bit images; convert the file to unsigned integers or floats");
            }
        }
    }

    private static String describe(DataType type) {
        if (type instanceof FixedPoint fp) return (fp.isSigned() ? "int" : "uint") + (fp.getSize() * 8);
        if (type instanceof FloatingPoint) return "float" + (type.getSize() * 8);
        return type.getClass().getSimpleName();
    }

    /** The node at {@code path} (with or without a leading slash), or null. */
    static Node find(HdfFile hdf, String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        if (p.isEmpty()) return hdf;
        try {
            return hdf.getByPath(p);
        } catch (HdfException e) {
            return null;
        }
    }

    /** A short listing of what the file holds, for error messages. */
    static String describeContents(HdfFile hdf) {
        List<String> entries = new ArrayList<>();
        describe(hdf, entries);
        if (entries.isEmpty()) return "nothing";
        if (entries.size() > 20) {
            int more = entries.size() - 20;
            entries = new ArrayList<>(entries.subList(0, 20));
            entries.add("... and " + more + " more");
        }
        return String.join(", ", entries);
    }

    private static void describe(Group group, List<String> entries) {
        for (Node child : group.getChildren().values()) {
            if (child instanceof Dataset d) {
                entries.add(d.getPath() + " " + Arrays.toString(d.getDimensions()));
            } else if (child instanceof Group g) {
                long datasets = g.getChildren().values().stream().filter(n -> n instanceof Dataset).count();
                if (datasets > 5) {
                    entries.add(g.getPath() + " (group of " + datasets + " datasets)");
                } else {
                    describe(g, entries);
                    if (g.getChildren().isEmpty()) entries.add(g.getPath() + " (empty group)");
                }
            }
        }
    }

    /** Copies a (possibly multi-dimensional) numeric array into a float array of {@code size} values. */
    static float[] flatten(Object array, int size) {
        float[] out = new float[size];
        int end = flattenInto(array, out, 0);
        if (end != size) throw new IllegalStateException("expected " + size + " values, got " + end);
        return out;
    }

    private static int flattenInto(Object array, float[] out, int pos) {
        if (array instanceof byte[] a) {
            for (byte v : a) out[pos++] = v;
        } else if (array instanceof short[] a) {
            for (short v : a) out[pos++] = v;
        } else if (array instanceof int[] a) {
            for (int v : a) out[pos++] = v;
        } else if (array instanceof long[] a) {
            for (long v : a) out[pos++] = v;
        } else if (array instanceof float[] a) {
            System.arraycopy(a, 0, out, pos, a.length);
            pos += a.length;
        } else if (array instanceof double[] a) {
            for (double v : a) out[pos++] = (float) v;
        } else if (array instanceof Object[] a) {
            for (Object sub : a) pos = flattenInto(sub, out, pos);
        } else {
            throw new IllegalArgumentException("unsupported HDF5 data of Java type " + (array == null ? "null" : array.getClass().getSimpleName()));
        }
        return pos;
    }
}
