package org.simgan.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;

/** The size requirement, explicit resizing, required labels and the front door's format choice. */
class ResizeAndChecksTest {

    @TempDir
    Path dir;

    @Test
    void areaHalvingAveragesTwoByTwoBlocks() {
        EyeDataset ds = TestImages.random(5, 1, 8, 6, 32, false);
        float[] src = ds.pixels(0);
        float[] half = Resize.resize(src, 8, 6, 4, 3, Interpolation.AREA);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                double mean = (src[(2 * y) * 8 + 2 * x] + src[(2 * y) * 8 + 2 * x + 1]
                        + src[(2 * y + 1) * 8 + 2 * x] + src[(2 * y + 1) * 8 + 2 * x + 1]) / 4.0;
                assertEquals(mean, half[y * 4 + x], 1e-6);
            }
        }
    }

    @Test
    void bilinearKeepsARampARampAndAConstantConstant() {
        int w = 11;
        float[] ramp = new float[w * 3];
        for (int y = 0; y < 3; y++) for (int x = 0; x < w; x++) ramp[y * w + x] = 10 * x;
        float[] doubled = Resize.resize(ramp, w, 3, 2 * w, 3, Interpolation.BILINEAR);
        // Away from the clamped edges, output pixel centre (ox+0.5)/2-0.5 in source units.
        for (int ox = 2; ox < 2 * w - 2; ox++) assertEquals(10 * ((ox + 0.5) / 2 - 0.5), doubled[w * 2 + ox], 1e-4);
        float[] flat = new float[20];
        java.util.Arrays.fill(flat, 7.25f);
        for (float v : Resize.resize(flat, 5, 4, 55, 35, Interpolation.BILINEAR)) assertEquals(7.25f, v, 1e-6);
    }

    @Test
    void wrongSizeIsRefusedUnlessResizingIsAsked() throws Exception {
        Path file = dir.resolve("big.h5");
        EyeDataset big = TestImages.random(6, 2, 60, 36, 8, true);
        DatasetIo.write(big, file);
        DataInputException e = assertThrows(DataInputException.class, () -> DatasetIo.read(file, ReadOptions.defaults().withEyeSize()));
        assertTrue(e.getMessage().contains("60x36") && e.getMessage().contains("55x35") && e.getMessage().contains("resize"), e.getMessage());
        EyeDataset resized = DatasetIo.read(file, ReadOptions.defaults().withEyeSize().withResize(Interpolation.AREA));
        assertEquals(55, resized.width());
        assertEquals(35, resized.height());
        assertEquals(8, resized.bitDepth());
        TestImages.assertSameLabels(big, resized);
        for (float v : resized.pixels(0)) assertEquals(Math.rint(v), v, 0, "8-bit stays whole numbers");
    }

    @Test
    void frontDoorPicksFormatsAndRefusesUnknownOnes() throws Exception {
        EyeDataset ds = TestImages.random(8, 2, 55, 35, 8, false);
        Path h5 = dir.resolve("a.hdf5");
        DatasetIo.write(ds, h5);
        Path tif = dir.resolve("a.tif");
        DatasetIo.write(ds, tif);
        assertEquals(DatasetIo.Format.HDF5, DatasetIo.detect(h5));
        assertEquals(DatasetIo.Format.TIFF, DatasetIo.detect(tif));
        Path noExtension = dir.resolve("renamed");
        Files.copy(h5, noExtension);
        assertEquals(DatasetIo.Format.HDF5, DatasetIo.detect(noExtension));
        TestImages.assertSamePixels(ds, DatasetIo.read(noExtension));
        Path text = dir.resolve("notes.dat");
        Files.writeString(text, "hello");
        DataInputException u = assertThrows(DataInputException.class, () -> DatasetIo.read(text));
        assertTrue(u.getMessage().contains("cannot tell the format"), u.getMessage());
        DataInputException w = assertThrows(DataInputException.class, () -> DatasetIo.write(ds, dir.resolve("out.png")));
        assertTrue(w.getMessage().contains(".h5") && w.getMessage().contains(".tif"), w.getMessage());
        DataInputException r = assertThrows(DataInputException.class, () -> DatasetIo.read(h5, ReadOptions.defaults().withRange(5, 1)));
        assertTrue(r.getMessage().contains("holds 2 images"), r.getMessage());
    }

    @Test
    void missingLabelIsNamedWhenLabelsAreRequired() throws Exception {
        EyeDataset ds = TestImages.random(9, 3, 55, 35, 8, false);
        Path tif = dir.resolve("unlabelled.tif");
        DatasetIo.write(ds, tif);
        DataInputException e = assertThrows(DataInputException.class,
                () -> DatasetIo.read(tif, ReadOptions.defaults().withLabelsRequired(true)));
        assertTrue(e.getMessage().contains("'00000'") && e.getMessage().contains("no gaze label") && e.getMessage().contains("CSV"),
                e.getMessage());
    }
}
