package org.simgan.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.simgan.cli.Main;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ReadOptions;

/**
 * Round trip through the project's own loaders: what the render command writes (TIFF stack or "eye-gaze" HDF5) reads
 * back with the rendered pixels and labels; writing is deterministic; the committed sample images are exactly what
 * their documented commands make.
 */
class SimulatorFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"eyes.tif,synthetic,55,35", "eyes.h5,synthetic,55,35", "eyes.tif,camera,55,35", "eyes.h5,camera,55,35",
            "big.tif,synthetic,80,50"})
    void renderedFilesReadBackWithTheSameImagesAndLabels(String name, String style, int width, int height) throws Exception {
        Path file = dir.resolve(name);
        assertEquals(0, Main.run(new String[] {"render", "--count", "12", "--seed", "3", "--style", style,
                "--width", Integer.toString(width), "--height", Integer.toString(height), "--out", file.toString()}));
        EyeDataset back = DatasetIo.read(file, ReadOptions.defaults());
        EyeSimulator sim = new EyeSimulator(width, height, Style.parse(style), GazeRange.DEFAULT, 3);
        assertEquals(12, back.size());
        assertEquals(width, back.width());
        assertEquals(height, back.height());
        assertEquals(8, back.bitDepth());
        for (int i = 0; i < 12; i++) {
            RenderedEye e = sim.render(i);
            assertArrayEquals(e.pixels(), back.pixels(i), name + " image " + i);
            assertEquals(EyeSimulator.name(i), back.label(i).name());
            assertTrue(back.label(i).hasGaze(), name + " image " + i + " lost its gaze");
            assertTrue(e.gaze().angleDegrees(back.label(i).gaze()) < 0.02, name + " image " + i + " gaze " + back.label(i).gaze());
        }
    }

    @ParameterizedTest
    @CsvSource({"a.tif", "a.h5"})
    void sameSeedSameFileBytes(String name) throws Exception {
        Path a = dir.resolve("1-" + name), b = dir.resolve("2-" + name);
        assertEquals(0, Main.run(new String[] {"render", "--count", "20", "--seed", "8", "--out", a.toString()}));
        assertEquals(0, Main.run(new String[] {"render", "--count", "20", "--seed", "8", "--out", b.toString()}));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void committedSampleImagesAreReproducedByteForByte() throws Exception {
        Path samples = Path.of("sample-images");
        Assumptions.assumeTrue(Files.isRegularFile(samples.resolve("synthetic.tif")),
                "sample-images/ not found from " + Path.of("").toAbsolutePath() + ": skipped");
        // the commands in sample-images/README.md
        String[][] commands = {
                {"synthetic.tif", "render", "--count", "300", "--seed", "1", "--style", "synthetic"},
                {"camera-standin.tif", "render", "--count", "300", "--seed", "2", "--style", "camera"}};
        for (String[] c : commands) {
            Path made = dir.resolve(c[0]);
            String[] argv = new String[c.length + 1];
            System.arraycopy(c, 1, argv, 0, c.length - 1);
            argv[c.length - 1] = "--out";
            argv[c.length] = made.toString();
            assertEquals(0, Main.run(argv));
            assertArrayEquals(Files.readAllBytes(samples.resolve(c[0])), Files.readAllBytes(made), c[0] + " differs from its command's output");
        }
    }
}
