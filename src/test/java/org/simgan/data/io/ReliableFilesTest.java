package org.simgan.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.data.SliceLabel;
import org.simgan.io.Mounts;

/** Truncated stacks, full disks, label lines this project does not know, and the HDF5 option a message names. */
class ReliableFilesTest {

    @Test
    void aTruncatedTiffStackIsRefusedWithWhatItDeclaresAndWhatCanBeRead(@TempDir Path dir) throws IOException {
        Path whole = dir.resolve("whole.tif");
        DatasetIo.write(TestImages.random(1, 64, 55, 35, 8, true), whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path half = Files.write(dir.resolve("half.tif"), Arrays.copyOf(bytes, bytes.length / 2));
        DataInputException e = assertThrows(DataInputException.class, () -> DatasetIo.read(half));
        String m = e.getMessage();
        assertTrue(m.startsWith(half.toString()) && m.contains("declares 64 slices") && m.contains("only 33 can be read"), m);
        // batch reading (refine) and a single image cut inside its pixels are refused the same way
        assertThrows(DataInputException.class, () -> DatasetIo.openBatches(half, ReadOptions.defaults(), 8).close());
        Path one = dir.resolve("one.tif");
        DatasetIo.write(TestImages.random(2, 1, 55, 35, 16, false), one);
        byte[] single = Files.readAllBytes(one);
        Path cut = Files.write(dir.resolve("cut.tif"), Arrays.copyOf(single, single.length - 1000));
        e = assertThrows(DataInputException.class, () -> DatasetIo.read(cut));
        assertTrue(e.getMessage().contains("declares 1 slices but only 0 can be read"), e.getMessage());
        // the complete file still reads
        assertEquals(64, DatasetIo.read(whole).size());
    }

    @Test
    void everyWriterSaysTheDiskIsFullAndNamesTheFile(@TempDir Path dir) throws IOException {
        EyeDataset big = TestImages.random(3, 200, 55, 35, 16, true);
        try (Mounts.Folder full = Mounts.full(dir.resolve("full"), "64k")) {
            for (String name : List.of("x.h5", "x.tif")) {
                Path out = full.path().resolve(name);
                IOException e = assertThrows(IOException.class, () -> DatasetIo.write(big, out));
                assertTrue(e.getMessage().startsWith("no space left on device while writing " + out), e.getMessage());
            }
            Path png = full.path().resolve("x.png");
            IOException e = assertThrows(IOException.class, () -> DatasetIo.write(TestImages.random(4, 1, 400, 300, 16, false), png));
            assertTrue(e.getMessage().startsWith("no space left on device while writing " + png), e.getMessage());
            assertEquals(List.of(), Mounts.names(full.path()), "nothing half-written, no temporaries");
        }
    }

    @Test
    void unknownSliceLabelLinesAreKeptVerbatim(@TempDir Path dir) throws IOException {
        String text = "00007\ngaze=0.1000,0.2000,-0.9747\ngazX=0.1,0.2,0.3\nnote: left eye, squinting";
        SliceLabel l = SliceLabel.parse(text);
        assertEquals(List.of("gazX=0.1,0.2,0.3", "note: left eye, squinting"), l.other());
        assertEquals(text, l.format());
        assertEquals("00007\ngazX=0.1,0.2,0.3", SliceLabel.parse("00007\ngazX=0.1,0.2,0.3").format(), "a mistyped gaze line is not dropped");
        // through a file, and when a gaze is replaced (a prediction) or added (CSV labels)
        EyeDataset ds = new EyeDataset(2, 2, 8, new float[][] {{1, 2, 3, 4}}, new SliceLabel[] {l});
        Path f = dir.resolve("x.tif");
        DatasetIo.write(ds, f);
        assertEquals(text, DatasetIo.read(f).label(0).format());
        EyeDataset relabelled = DatasetIo.withGazes(ds, List.of(org.simgan.data.Gaze.fromPitchYaw(0, 0)), "test");
        assertEquals(l.other(), relabelled.label(0).other());
    }

    @Test
    void aMissingHdf5DatasetNamesTheOptionOfTheCommand(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("other.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("pictures", new byte[2][3][4]);
        }
        DataInputException e = assertThrows(DataInputException.class,
                () -> DatasetIo.read(file, ReadOptions.defaults().withHdf5DatasetOption("--real-dataset PATH")));
        assertTrue(e.getMessage().contains("Choose the images with --real-dataset PATH"), e.getMessage());
        e = assertThrows(DataInputException.class, () -> DatasetIo.read(file));
        assertFalse(e.getMessage().contains("ReadOptions"), "no internal names: " + e.getMessage());
    }

    @Test
    void outputsAreCheckedBeforeTheWork(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("in.tif");
        DatasetIo.write(TestImages.random(5, 3, 8, 8, 8, false), input);
        IOException e = assertThrows(IOException.class, () -> DatasetIo.checkOutput(dir.resolve("out.jpg"), "--out", -1, input));
        assertTrue(e.getMessage().contains(".h5/.hdf5") && e.getMessage().contains("out.jpg"), e.getMessage());
        e = assertThrows(IOException.class, () -> DatasetIo.checkOutput(dir.resolve("out.png"), "--out", 3, input));
        assertTrue(e.getMessage().contains("a PNG holds one image"), e.getMessage());
        e = assertThrows(IOException.class, () -> DatasetIo.checkOutput(dir.resolve("sub").resolve("..").resolve("in.tif"), "--out", 3, input));
        assertTrue(e.getMessage().contains("is the input"), e.getMessage());
        e = assertThrows(IOException.class, () -> DatasetIo.checkOutput(dir.resolve("missing").resolve("o.h5"), "--out", 3, input));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        DatasetIo.checkOutput(dir.resolve("o.h5"), "--out", 3, input);
        assertEquals(List.of("in.tif"), Mounts.names(dir), "a check writes nothing");
    }

    @Test
    void nanAndInfinitePixelsAreNamed() {
        float[][] px = {{0, 0, 0, 0}, {0, 0, Float.POSITIVE_INFINITY, 0}};
        EyeDataset ds = new EyeDataset(2, 2, 32, px, new SliceLabel[] {new SliceLabel("a", null), new SliceLabel("b", null)});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ds.requireFinite("the test images"));
        assertTrue(e.getMessage().contains("image 1 ('b') of the test images has an infinite pixel at 0,1"), e.getMessage());
        ds.requireFinite("the first image", 0);
    }
}
