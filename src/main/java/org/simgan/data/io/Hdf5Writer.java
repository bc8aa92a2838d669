package org.simgan.data.io;

import io.jhdf.checksum.JenkinsLookup3HashLittle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;

/**
 * Writes eye images to HDF5 as they come, in memory that does not grow with the number of images: the file is
 * laid out before the first image is written, because the number of images is given up front. The layout is the
 * one-dataset form of the public eye files (the form of {@code real_gaze_mpiigaze}'s stack file), which every HDF5
 * tool reads:
 * <ul>
 * <li>{@code image}: one (N, height, width) dataset, uint8 for 8-bit images, uint16 for 16-bit, float32 otherwise
 * (little-endian, contiguous);</li>
 * <li>{@code look_vec}: an (N, 3) float32 dataset of unit look vectors, only when every image has a gaze;</li>
 * <li>{@code name}: N fixed-length UTF-8 strings, only when some image name is not its zero-padded index (those
 * names and the sources below are the only things held until the end);</li>
 * <li>{@code source}: N fixed-length UTF-8 strings, the collection each image came from ({@code source=} label
 * lines), only when some image names one.</li>
 * </ul>
 * The file format is HDF5 with a version 2 superblock and version 2 object headers (HDF5 1.8 and later; h5py,
 * jhdf and HDFView read it): pixels go straight to their place in the file, and the headers that describe them are
 * written by {@link #finish()}. jhdf (used for reading) keeps everything it writes in memory until the file is
 * closed, which is why this writer does not use it. Write through {@link DatasetIo#write(Path, int, DatasetIo.Producer)},
 * which makes the file appear atomically under its name when complete.
 */
final class Hdf5Writer implements DatasetIo.Sink, AutoCloseable {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final long UNDEFINED = -1L;
    private static final int SUPERBLOCK_SIZE = 48;

    private final FileChannel channel;
    private final Path target;
    private final int count;
    private int width;
    private int height;
    private int bitDepth;
    private int bytesPerPixel;
    private long gazeStart; // where the (N, 3) look vectors go, right after the images
    private int written;
    private boolean allLabelled = true;
    private List<String> names; // null while every name so far is its index
    private List<String> sources; // null while no image so far names its collection

    /**
     * @param file   where to write (a temporary file, see {@link DatasetIo#write(Path, int, DatasetIo.Producer)})
     * @param count  the number of images that will be appended
     * @param target the name the file will have, for messages
     */
    Hdf5Writer(Path file, int count, Path target) throws IOException {
        this.target = target;
        if (count < 0) throw new IllegalArgumentException("the number of images cannot be negative, got " + count);
        this.count = count;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public void append(EyeDataset part) throws IOException {
        if (bytesPerPixel == 0) {
            width = part.width();
            height = part.height();
            bitDepth = part.bitDepth() == 8 || part.bitDepth() == 16 ? part.bitDepth() : 32;
            bytesPerPixel = bitDepth / 8;
            gazeStart = SUPERBLOCK_SIZE + (long) count * width * height * bytesPerPixel;
        } else if (part.width() != width || part.height() != height) {
            throw new IOException("cannot write " + target + ": images of " + part.width() + "x" + part.height() + " cannot follow images of "
                    + width + "x" + height + " in one file");
        }
        if (part.size() == 0) return;
        if (written + (long) part.size() > count) {
            throw new IOException("cannot write " + target + ": more images came than the " + count + " it was laid out for");
        }
        int pixels = width * height;
        // the part's images lie one after another in the file: one write for all of them
        ByteBuffer images = ByteBuffer.allocate(Math.multiplyExact(part.size(), pixels * bytesPerPixel)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer gazes = ByteBuffer.allocate(part.size() * 12).order(ByteOrder.LITTLE_ENDIAN);
        float[] px = new float[pixels];
        for (int i = 0; i < part.size(); i++) {
            part.copyPixels(i, px, 0);
            for (float v : px) {
                switch (bitDepth) {
                    case 8 -> images.put((byte) Pixels.clampRound(v, 255));
                    case 16 -> images.putShort((short) Pixels.clampRound(v, 65535));
                    default -> images.putFloat(v);
                }
            }
            SliceLabel label = part.label(i);
            Gaze g = label.gaze();
            allLabelled &= g != null;
            gazes.putFloat(g == null ? 0 : (float) g.x()).putFloat(g == null ? 0 : (float) g.y()).putFloat(g == null ? 0 : (float) g.z());
            String index = Pixels.indexName(written + i);
            if (names == null && !index.equals(label.name())) {
                names = new ArrayList<>();
                for (int j = 0; j < written + i; j++) names.add(Pixels.indexName(j));
            }
            if (names != null) names.add(label.name());
            String source = label.source();
            if (sources == null && source != null) sources = new ArrayList<>(java.util.Collections.nCopies(written + i, ""));
            if (sources != null) sources.add(source == null ? "" : source);
        }
        images.flip();
        writeFully(images, SUPERBLOCK_SIZE + (long) written * pixels * bytesPerPixel);
        gazes.flip();
        writeFully(gazes, gazeStart + (long) written * 12);
        written += part.size();
    }

    /** Writes the headers that describe the images (all {@code count} must have been appended) and syncs the file. */
    void finish() throws IOException {
        if (written != count) {
            throw new IOException("cannot write " + target + ": it was laid out for " + count + " images but " + written + " came");
        }
        if (bytesPerPixel == 0) throw new IOException("cannot write " + target + ": no images were given, so the image size is unknown");
        long imageBytes = (long) count * width * height * bytesPerPixel;
        long position = allLabelled ? gazeStart + (long) count * 12 : gazeStart;
        List<String> linkNames = new ArrayList<>();
        List<Long> linkAddresses = new ArrayList<>();

        byte[] imageHeader = datasetHeader(new long[] {count, height, width}, pixelType(), SUPERBLOCK_SIZE, imageBytes);
        linkNames.add(ReadOptions.DEFAULT_IMAGE_PATH);
        linkAddresses.add(position);
        position = put(imageHeader, position);
        if (allLabelled) {
            byte[] gazeHeader = datasetHeader(new long[] {count, 3}, float32(), gazeStart, (long) count * 12);
            linkNames.add(ReadOptions.DEFAULT_LABEL_PATH);
            linkAddresses.add(position);
            position = put(gazeHeader, position);
        }
        if (names != null) position = putStrings(names, Hdf5Reader.NAME_DATASET, position, linkNames, linkAddresses);
        if (sources != null) position = putStrings(sources, Hdf5Reader.SOURCE_DATASET, position, linkNames, linkAddresses);
        long root = position;
        position = put(groupHeader(linkNames, linkAddresses), position);
        channel.truncate(position);
        writeFully(ByteBuffer.wrap(superblock(position, root)), 0);
        channel.force(true);
    }

    /** One root dataset {@code name} of fixed-length UTF-8 strings, one per image, from {@code position}; returns the next free position. */
    private long putStrings(List<String> values, String name, long position, List<String> linkNames, List<Long> linkAddresses) throws IOException {
        List<byte[]> utf8 = new ArrayList<>(values.size());
        int length = 1;
        for (String v : values) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            utf8.add(b);
            length = Math.max(length, b.length);
        }
        long start = position;
        ByteBuffer row = ByteBuffer.allocate(length);
        for (byte[] b : utf8) {
            row.clear();
            row.put(b);
            while (row.hasRemaining()) row.put((byte) 0);
            row.flip();
            position = put(row, position);
        }
        byte[] header = datasetHeader(new long[] {count}, fixedString(length), start, (long) count * length);
        linkNames.add(name);
        linkAddresses.add(position);
        return put(header, position);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private long put(byte[] bytes, long position) throws IOException {
        return put(ByteBuffer.wrap(bytes), position);
    }

    private long put(ByteBuffer bytes, long position) throws IOException {
        int n = bytes.remaining();
        writeFully(bytes, position);
        return position + n;
    }

    private void writeFully(ByteBuffer bytes, long position) throws IOException {
        long p = position;
        while (bytes.hasRemaining()) p += channel.write(bytes, p);
    }

    private static byte[] superblock(long endOfFile, long rootGroup) {
        ByteBuffer b = ByteBuffer.allocate(SUPERBLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(SIGNATURE).put((byte) 2).put((byte) 8).put((byte) 8).put((byte) 0);
        b.putLong(0).putLong(UNDEFINED).putLong(endOfFile).putLong(rootGroup);
        b.putInt(JenkinsLookup3HashLittle.hash(java.util.Arrays.copyOf(b.array(), SUPERBLOCK_SIZE - 4)));
        return b.array();
    }

    // --- object headers (version 2) and their messages

    private static final int DATASPACE = 0x01;
    private static final int LINK_INFO = 0x02;
    private static final int DATATYPE = 0x03;
    private static final int FILL_VALUE = 0x05;
    private static final int LINK = 0x06;
    private static final int LAYOUT = 0x08;
    private static final int GROUP_INFO = 0x0A;

    private static byte[] datasetHeader(long[] shape, byte[] type, long address, long size) {
        ByteBuffer space = le(4 + 8 * shape.length);
        space.put((byte) 2).put((byte) shape.length).put((byte) 0).put((byte) 1); // version 2, no max dims, simple
        for (long d : shape) space.putLong(d);
        // version 3; space allocated early, fill value written if set, none set (reads as zeros)
        byte[] fill = {3, 0x09};
        ByteBuffer layout = le(18);
        layout.put((byte) 3).put((byte) 1).putLong(address).putLong(size); // version 3, contiguous
        return objectHeader(new int[] {DATASPACE, DATATYPE, FILL_VALUE, LAYOUT}, space.array(), type, fill, layout.array());
    }

    private static byte[] groupHeader(List<String> names, List<Long> addresses) {
        int[] types = new int[2 + names.size()];
        byte[][] bodies = new byte[types.length][];
        types[0] = LINK_INFO;
        ByteBuffer info = le(18);
        info.put((byte) 0).put((byte) 0).putLong(UNDEFINED).putLong(UNDEFINED); // compact links: no heap, no index
        bodies[0] = info.array();
        types[1] = GROUP_INFO;
        bodies[1] = new byte[] {0, 0};
        for (int i = 0; i < names.size(); i++) {
            byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
            ByteBuffer link = le(3 + name.length + 8);
            link.put((byte) 1).put((byte) 0).put((byte) name.length).put(name).putLong(addresses.get(i)); // hard link
            types[2 + i] = LINK;
            bodies[2 + i] = link.array();
        }
        return objectHeader(types, bodies);
    }

    private static byte[] objectHeader(int[] types, byte[]... bodies) {
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        for (int i = 0; i < types.length; i++) {
            messages.write(types[i]);
            messages.write(bodies[i].length & 0xff);
            messages.write(bodies[i].length >>> 8);
            messages.write(0); // message flags
            messages.writeBytes(bodies[i]);
        }
        byte[] m = messages.toByteArray();
        ByteBuffer h = le(4 + 2 + 4 + m.length + 4);
        h.put(new byte[] {'O', 'H', 'D', 'R'}).put((byte) 2).put((byte) 0x02); // version 2, chunk size in 4 bytes
        h.putInt(m.length).put(m);
        h.putInt(JenkinsLookup3HashLittle.hash(java.util.Arrays.copyOf(h.array(), h.capacity() - 4)));
        return h.array();
    }

    private byte[] pixelType() {
        return bitDepth == 32 ? float32() : unsigned(bytesPerPixel);
    }

    private static byte[] unsigned(int bytes) {
        ByteBuffer t = le(12);
        t.put((byte) 0x10).put((byte) 0).put((byte) 0).put((byte) 0).putInt(bytes); // fixed point, version 1, LE, unsigned
        t.putShort((short) 0).putShort((short) (8 * bytes));
        return t.array();
    }

    private static byte[] float32() {
        ByteBuffer t = le(20);
        t.put((byte) 0x11).put((byte) 0x20).put((byte) 31).put((byte) 0).putInt(4); // IEEE float, LE, sign at bit 31
        t.putShort((short) 0).putShort((short) 32).put((byte) 23).put((byte) 8).put((byte) 0).put((byte) 23).putInt(127);
        return t.array();
    }

    private static byte[] fixedString(int length) {
        ByteBuffer t = le(8);
        t.put((byte) 0x13).put((byte) 0x11).put((byte) 0).put((byte) 0).putInt(length); // string, null-padded, UTF-8
        return t.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
