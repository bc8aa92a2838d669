package org.simgan.data.io;

import org.simgan.io.AtomicFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.simgan.data.EyeDataset;
import org.simgan.data.SliceLabel;

class Hdf5FileTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32})
    void roundTripKeepsPixelsAndGazes(int bitDepth) throws Exception {
        EyeDataset ds = TestImages.random(bitDepth, 7, 55, 35, bitDepth, true);
        Path file = dir.resolve("eyes.h5");
        DatasetIo.write(ds, file);
        EyeDataset back = DatasetIo.read(file, ReadOptions.defaults().withEyeSize().withLabelsRequired(true));
        TestImages.assertSamePixels(ds, back);
        TestImages.assertSameLabels(ds, back);
        try (HdfFile hdf = new HdfFile(file)) {
            assertArrayEquals(new int[] {7, 3}, hdf.getDatasetByPath("look_vec").getDimensions());
            io.jhdf.api.Dataset images = hdf.getDatasetByPath("image");
            assertArrayEquals(new int[] {7, 35, 55}, images.getDimensions());
            assertEquals(bitDepth == 32 ? "FloatingPoint" : "FixedPoint", images.getDataType().getClass().getSimpleName());
            if (bitDepth != 32) {
                assertEquals(false, ((io.jhdf.object.datatype.FixedPoint) images.getDataType()).isSigned(), "integers are stored unsigned");
                assertEquals(bitDepth / 8, images.getDataType().getSize());
            }
            assertNull(Hdf5Reader.find(hdf, "name"), "default names need no name dataset");
            assertNull(Hdf5Reader.find(hdf, "source"), "images that name no collection need no source dataset");
        }
        assertNoTemporaryFiles();
    }

    /** The collection each image came from ({@code source=} label lines) goes to a {@code source} dataset and back. */
    @Test
    void sourcesAreWrittenAndReadBack() throws Exception {
        EyeDataset ds = TestImages.random(5, 5, 11, 6, 8, true);
        String[] sources = {null, "SI100B", "AlexHex7", "SI100B", "\u00e9tude 2"};
        SliceLabel[] labels = new SliceLabel[5];
        for (int i = 0; i < 5; i++) {
            SliceLabel l = ds.label(i);
            labels[i] = new SliceLabel(l.name(), l.gaze(), sources[i] == null ? java.util.List.of() : java.util.List.of("source=" + sources[i]));
        }
        Path file = dir.resolve("sources.h5");
        DatasetIo.write(ds.withLabels(labels), file);
        EyeDataset back = DatasetIo.read(file);
        for (int i = 0; i < 5; i++) assertEquals(sources[i], back.label(i).source(), "image " + i);
        TestImages.assertSameLabels(ds, back);
        try (HdfFile hdf = new HdfFile(file)) {
            assertArrayEquals(new String[] {"", "SI100B", "AlexHex7", "SI100B", "\u00e9tude 2"},
                    (String[]) hdf.getDatasetByPath("source").getData());
        }
        // read in batches and as a range, the sources stay with their images
        EyeDataset range = DatasetIo.read(file, ReadOptions.defaults().withRange(2, 2));
        assertEquals("AlexHex7", range.label(0).source());
        assertEquals("SI100B", range.label(1).source());
    }

    @Test
    void writesPartsAsTheyComeAndRefusesAnotherCountLeavingNothing() throws Exception {
        EyeDataset ds = TestImages.random(4, 10, 55, 35, 8, true);
        Path file = dir.resolve("parts.h5");
        DatasetIo.write(file, 10, sink -> {
            sink.append(ds.slice(0, 3));
            sink.append(ds.slice(3, 3));
            sink.append(ds.slice(3, 10));
        });
        EyeDataset back = DatasetIo.read(file, ReadOptions.defaults().withEyeSize().withLabelsRequired(true));
        TestImages.assertSamePixels(ds, back);
        TestImages.assertSameLabels(ds, back);
        try (Hdf5Reader reader = Hdf5Reader.open(file, ReadOptions.defaults())) {
            TestImages.assertSamePixels(ds.slice(4, 9), reader.read(4, 5));
        }

        Path fewer = dir.resolve("fewer.h5");
        IOException e = assertThrows(IOException.class, () -> DatasetIo.write(fewer, 10, sink -> sink.append(ds.slice(0, 9))));
        assertTrue(e.getMessage().contains("fewer.h5") && e.getMessage().contains("9"), e.getMessage());
        IOException more = assertThrows(IOException.class, () -> DatasetIo.write(fewer, 5, sink -> sink.append(ds)));
        assertTrue(more.getMessage().contains("5"), more.getMessage());
        assertEquals(false, Files.exists(fewer));
        assertNoTemporaryFiles();
    }

    /** Large ranges of an unsigned-integer stack keep their pixels in the file (threshold lowered to 0 bytes here). */
    @ParameterizedTest
    @ValueSource(ints = {8, 16})
    void largeStacksAreReadOnDemandWithTheSamePixels(int bitDepth) throws Exception {
        EyeDataset ds = TestImages.random(9, 20, 55, 35, bitDepth, true);
        Path file = dir.resolve("big.h5");
        DatasetIo.write(ds, file);
        String before = System.getProperty("simgan.hdf5.onDemandBytes");
        System.setProperty("simgan.hdf5.onDemandBytes", "0");
        try {
            EyeDataset lazy = DatasetIo.read(file, ReadOptions.defaults().withEyeSize().withLabelsRequired(true));
            assertEquals(0, lazy.pixelBytes(), "no pixels held in memory");
            TestImages.assertSamePixels(ds, lazy);
            TestImages.assertSameLabels(ds, lazy);
            TestImages.assertSamePixels(ds.slice(5, 12), lazy.slice(5, 12));
            TestImages.assertSamePixels(ds.pick(new int[] {19, 0, 7}), lazy.pick(new int[] {19, 0, 7}));
            EyeDataset range = DatasetIo.read(file, ReadOptions.defaults().withRange(3, 10));
            TestImages.assertSamePixels(ds.slice(3, 13), range);

        } finally {
            if (before == null) System.clearProperty("simgan.hdf5.onDemandBytes");
            else System.setProperty("simgan.hdf5.onDemandBytes", before);
        }
        assertTrue(DatasetIo.read(file).pixelBytes() > 0, "small ranges are read into memory by default");
    }

    /** Another HDF5 implementation (libhdf5 through h5py, which checks every checksum) reads what the writer wrote. */
    @Test
    void h5pyReadsTheWrittenFile() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        boolean h5py = Files.isExecutable(python)
                && new ProcessBuilder(python.toString(), "-c", "import h5py").redirectErrorStream(true).start().waitFor() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(h5py, "skipped: /usr/bin/python3 with h5py (Debian's python3-h5py) is not installed");
        EyeDataset random = TestImages.random(6, 3, 7, 4, 8, true);
        SliceLabel[] labels = new SliceLabel[3];
        for (int i = 0; i < 3; i++) labels[i] = random.label(i).withName("eye " + i + (i == 1 ? " \u00e9" : ""));
        Path file = dir.resolve("for-h5py.h5");
        DatasetIo.write(random.withLabels(labels), file);
        String script = String.join("\n",
                "import h5py, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "im = f['image']",
                "print(im.dtype, im.shape, f['look_vec'].dtype, f['look_vec'].shape)",
                "print(' '.join(str(v) for v in im[1].ravel()))",
                "print(' '.join('%.6f' % v for v in f['look_vec'][2]))",
                "print('|'.join(n.decode('utf-8') for n in f['name'][()]))");
        Process p = new ProcessBuilder(python.toString(), "-c", script, file.toString()).redirectErrorStream(true).start();
        String[] out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n");
        assertEquals(0, p.waitFor(), String.join("\n", out));
        assertEquals("uint8 (3, 4, 7) float32 (3, 3)", out[0]);
        StringBuilder pixels = new StringBuilder();
        for (float v : random.pixels(1)) pixels.append(pixels.length() == 0 ? "" : " ").append((int) v);
        assertEquals(pixels.toString(), out[1]);
        org.simgan.data.Gaze g = random.label(2).gaze();
        assertEquals(String.format(java.util.Locale.ROOT, "%.6f %.6f %.6f", (float) g.x(), (float) g.y(), (float) g.z()), out[2]);
        assertEquals("eye 0|eye 1 \u00e9|eye 2", out[3]);
    }

    @Test
    void unlabelledImagesAndOwnNamesRoundTrip() throws Exception {
        EyeDataset random = TestImages.random(3, 4, 6, 5, 8, false);
        SliceLabel[] labels = new SliceLabel[4];
        for (int i = 0; i < 4; i++) labels[i] = new SliceLabel("eye_" + (char) ('a' + i) + ".png", i == 2 ? random.label(0).gaze() : null);
        EyeDataset ds = new EyeDataset(6, 5, 8, new float[][] {random.pixels(0), random.pixels(1), random.pixels(2), random.pixels(3)}, labels);
        Path file = dir.resolve("named.hdf5");
        DatasetIo.write(ds, file);
        try (HdfFile hdf = new HdfFile(file)) {
            assertNull(Hdf5Reader.find(hdf, "look_vec"), "look_vec only when every image has a gaze");
        }
        EyeDataset back = DatasetIo.read(file);
        TestImages.assertSamePixels(ds, back);
        for (int i = 0; i < 4; i++) assertEquals(labels[i].name(), back.label(i).name());
        for (int i = 0; i < 4; i++) assertEquals(false, back.label(i).hasGaze());
    }

    @Test
    void readsStackLayoutOfEachTypeWithRangesAndBatches() throws Exception {
        Random rnd = new Random(11);
        int n = 9;
        short[][][] u16 = new short[n][4][6];
        float[][][] f32 = new float[n][4][6];
        float[][] look = new float[n][4];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 6; x++) {
                    u16[i][y][x] = (short) rnd.nextInt(30000);
                    f32[i][y][x] = rnd.nextFloat();
                }
            }
            look[i] = new float[] {rnd.nextFloat() - 0.5f, rnd.nextFloat() - 0.5f, -1, 0};
        }
        Path file = dir.resolve("stack.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putGroup("data").putDataset("eyes16", u16);
            out.putDataset("eyesf", f32);
            out.putDataset("gaze4", look);
        }
        ReadOptions opts = ReadOptions.defaults().withHdf5Dataset("/data/eyes16").withHdf5Labels("gaze4");
        EyeDataset all = DatasetIo.read(file, opts);
        assertEquals(16, all.bitDepth());
        assertEquals(n, all.size());
        assertEquals(6, all.width());
        assertEquals(4, all.height());
        for (int i = 0; i < n; i++) {
            assertEquals(u16[i][3][5], all.pixels(i)[3 * 6 + 5]);
            assertEquals(look[i][0] / Math.sqrt(look[i][0] * look[i][0] + look[i][1] * look[i][1] + 1), all.label(i).gaze().unit().x(), 1e-6);
        }
        EyeDataset floats = DatasetIo.read(file, ReadOptions.defaults().withHdf5Dataset("eyesf").withRange(2, 3));
        assertEquals(32, floats.bitDepth());
        assertEquals("00002", floats.label(0).name());
        for (int i = 0; i < 3; i++) assertEquals(f32[2 + i][1][2], floats.pixels(i)[1 * 6 + 2]);
        int seen = 0;
        try (BatchReader batches = DatasetIo.openBatches(file, opts.withRange(1, -1), 3)) {
            while (batches.hasNext()) {
                EyeDataset b = batches.next();
                TestImages.assertSamePixels(all.slice(1 + seen, 1 + seen + b.size()), b);
                TestImages.assertSameLabels(all.slice(1 + seen, 1 + seen + b.size()), b);
                seen += b.size();
            }
        }
        assertEquals(n - 1, seen);
    }

    @Test
    void missingDatasetIsNamedWithWhatTheFileHas() throws Exception {
        Path file = dir.resolve("other.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("pictures", new byte[2][3][4]);
        }
        DataInputException e = assertThrows(DataInputException.class, () -> DatasetIo.read(file));
        assertTrue(e.getMessage().contains("no dataset or group 'image'"), e.getMessage());
        assertTrue(e.getMessage().contains("/pictures [2, 3, 4]"), e.getMessage());
        DataInputException labels = assertThrows(DataInputException.class,
                () -> DatasetIo.read(file, ReadOptions.defaults().withHdf5Dataset("pictures").withHdf5Labels("look")));
        assertTrue(labels.getMessage().contains("no gaze dataset 'look'"), labels.getMessage());
    }

    @Test
    void gazeCountMustMatchImageCount() throws Exception {
        Path file = dir.resolve("mismatch.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("image", new short[3][2][2]);
            out.putDataset("look_vec", new float[][] {{0, 0, -1}, {0, 0, -1}});
        }
        DataInputException e = assertThrows(DataInputException.class, () -> DatasetIo.read(file));
        assertTrue(e.getMessage().contains("2 gaze vectors") && e.getMessage().contains("3 images"), e.getMessage());
    }

    @Test
    void unsupportedTypesAndValuesAreRefused() throws Exception {
        Path longs = dir.resolve("long.h5");
        try (WritableHdfFile out = HdfFile.write(longs)) {
            out.putDataset("image", new long[2][3][3]);
        }
        DataInputException e = assertThrows(DataInputException.class, () -> DatasetIo.read(longs));
        assertTrue(e.getMessage().contains("int64") && e.getMessage().contains("not supported"), e.getMessage());

        Path negative = dir.resolve("negative.h5");
        try (WritableHdfFile out = HdfFile.write(negative)) {
            out.putDataset("image", new byte[][][] {{{1, -5}}});
        }
        DataInputException n = assertThrows(DataInputException.class, () -> DatasetIo.read(negative));
        assertTrue(n.getMessage().contains("-5") && n.getMessage().contains("0..255"), n.getMessage());
    }

    @Test
    void corruptTruncatedAndMissingFilesGiveClearErrors() throws Exception {
        Path missing = dir.resolve("nothing.h5");
        DataInputException m = assertThrows(DataInputException.class, () -> DatasetIo.read(missing));
        assertTrue(m.getMessage().contains("does not exist"), m.getMessage());

        Path garbage = dir.resolve("garbage.h5");
        byte[] noise = new byte[4096];
        new Random(5).nextBytes(noise);
        Files.write(garbage, noise);
        DataInputException g = assertThrows(DataInputException.class, () -> DatasetIo.read(garbage));
        assertTrue(g.getMessage().contains("not HDF5 or is damaged"), g.getMessage());

        EyeDataset ds = TestImages.random(8, 40, 55, 35, 8, true);
        Path whole = dir.resolve("whole.h5");
        DatasetIo.write(ds, whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = dir.resolve("truncated.h5");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        DataInputException t = assertThrows(DataInputException.class, () -> DatasetIo.read(truncated));
        assertTrue(t.getMessage().contains("damaged") || t.getMessage().contains("truncated"), t.getMessage());
        assertArrayEquals(Arrays.copyOf(bytes, bytes.length / 2), Files.readAllBytes(truncated), "input left unchanged");
    }

    @Test
    void failedWriteLeavesTheExistingTargetIntact() throws Exception {
        Path target = dir.resolve("keep.h5");
        EyeDataset good = TestImages.random(1, 3, 55, 35, 8, true);
        DatasetIo.write(good, target);
        byte[] before = Files.readAllBytes(target);
        IOException e = assertThrows(IOException.class, () -> AtomicFile.writePath(target, temporary -> {
            Files.write(temporary, new byte[] {1, 2, 3});
            throw new IOException("simulated disk full");
        }));
        assertEquals("simulated disk full", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(target));
        TestImages.assertSamePixels(good, DatasetIo.read(target));
        assertNoTemporaryFiles();
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().contains(".part")).count(), "temporary files left behind");
        }
    }
}
