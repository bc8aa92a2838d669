package org.simgan.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.simgan.data.EyeDataset;

/** The real eye crops in ../shared/data, in both HDF5 layouts (read in place, never copied). */
class SharedRealDataTest {

    static final Path DATA = Path.of("..", "shared", "data");
    static final Path GROUP_FILE = DATA.resolve("real_gaze_mpiigaze_2244.h5");
    static final Path STACK_FILE = DATA.resolve("real_gaze_mpiigaze_2244_stack.h5");

    static EyeDataset fromGroup;

    @BeforeAll
    static void readGroupLayout() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(GROUP_FILE) && Files.isRegularFile(STACK_FILE),
                "shared data not found at " + DATA.toAbsolutePath() + ": skipping the tests on real eye images");
        fromGroup = DatasetIo.read(GROUP_FILE, ReadOptions.defaults().withEyeSize());
    }

    @Test
    void bothLayoutsGiveTheSameImages() throws Exception {
        EyeDataset fromStack = DatasetIo.read(STACK_FILE, ReadOptions.defaults().withEyeSize());
        try (Hdf5Reader group = Hdf5Reader.open(GROUP_FILE, ReadOptions.defaults());
             Hdf5Reader stack = Hdf5Reader.open(STACK_FILE, ReadOptions.defaults())) {
            assertEquals(Hdf5Reader.Layout.GROUP_OF_IMAGES, group.layout());
            assertEquals(Hdf5Reader.Layout.STACK, stack.layout());
            assertEquals(2244, group.count());
            assertEquals(group.count(), stack.count());
            assertFalse(group.hasLabels());
        }
        assertEquals(2244, fromGroup.size());
        assertEquals(55, fromGroup.width());
        assertEquals(35, fromGroup.height());
        assertEquals(8, fromGroup.bitDepth());
        TestImages.assertSamePixels(fromGroup, fromStack);
        assertEquals("00000", fromGroup.label(0).name());
        assertEquals("02243", fromGroup.label(2243).name());
        // Real data: not a constant image.
        float[] p = fromGroup.pixels(0);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : p) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(max > min, "first image is flat");
    }

    /** The group-layout file names the public collection of each crop in its {@code source} dataset. */
    @Test
    void theGroupFileNamesItsCollections() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < fromGroup.size(); i++) counts.merge(String.valueOf(fromGroup.label(i).source()), 1, Integer::sum);
        assertEquals(java.util.Map.of("SI100B", 2000, "AlexHex7", 144, "zhangzi1", 100), counts);
    }

    @Test
    void rangeAndBatchesMatchTheWholeFile() throws Exception {
        EyeDataset range = DatasetIo.read(STACK_FILE, ReadOptions.defaults().withRange(1000, 37));
        TestImages.assertSamePixels(fromGroup.slice(1000, 1037), range);
        assertEquals("01000", range.label(0).name());
        int seen = 0;
        try (BatchReader batches = DatasetIo.openBatches(GROUP_FILE, ReadOptions.defaults().withRange(2200, -1), 16)) {
            assertEquals(44, batches.total());
            while (batches.hasNext()) {
                EyeDataset batch = batches.next();
                assertTrue(batch.size() <= 16);
                TestImages.assertSamePixels(fromGroup.slice(2200 + seen, 2200 + seen + batch.size()), batch);
                seen += batch.size();
            }
        }
        assertEquals(44, seen);
    }

    @Test
    void missingDatasetListsWhatTheFileHas() {
        DataInputException e = assertThrows(DataInputException.class,
                () -> DatasetIo.read(GROUP_FILE, ReadOptions.defaults().withHdf5Dataset("images")));
        assertTrue(e.getMessage().contains("'images'"), e.getMessage());
        assertTrue(e.getMessage().contains("/source"), e.getMessage());
        assertTrue(e.getMessage().contains("2244 datasets"), e.getMessage());
    }

    @Test
    void unlabelledRealImagesAreRefusedWhenLabelsAreRequired() {
        DataInputException e = assertThrows(DataInputException.class,
                () -> DatasetIo.read(STACK_FILE, ReadOptions.defaults().withRange(0, 3).withLabelsRequired(true)));
        assertTrue(e.getMessage().contains("no gaze label"), e.getMessage());
    }
}
