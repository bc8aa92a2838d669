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
            assertArrayEquals(new int[] {35, 55}, hdf.getDatasetByPath("image/00006").getDimensions());
            assertNull(Hdf5Reader.find(hdf, "name"), "default names need no name dataset");
        }
        assertNoTemporaryFiles();
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
