package org.simgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The render command's options: mistakes are usage errors (exit 2), the timing option renders without writing. */
class RenderCommandTest {
    @TempDir
    Path dir;

    @Test
    void isRegistered() {
        assertTrue(Main.commands().stream().anyMatch(c -> c.name().equals("render")));
    }

    @Test
    void mistakesAreUsageErrors() {
        assertEquals(2, quiet("render", "--out", dir.resolve("a.tif").toString()));
        assertEquals(2, quiet("render", "--count", "3", "--out", dir.resolve("a.png").toString()));
        assertEquals(2, quiet("render", "--count", "3", "--style", "real", "--out", dir.resolve("a.tif").toString()));
        assertEquals(2, quiet("render", "--count", "3", "--gaze", "pitch=9:1", "--out", dir.resolve("a.tif").toString()));
        assertEquals(2, quiet("render", "--count", "3", "--colour", "red", "--out", dir.resolve("a.tif").toString()));
        assertEquals(2, quiet("render", "--count", "3", "--width", "4", "--out", dir.resolve("a.tif").toString()));
        assertEquals(2, quiet("render", "--count", "3"));
    }

    @Test
    void appearanceFileChangesTheLookNotTheLabels() throws Exception {
        Path ranges = dir.resolve("ranges.txt");
        Files.writeString(ranges, "iris-shade-min=0.4\niris-shade-max=0.5\nblur-min=2\nblur-max=2.5\n");
        Path plain = dir.resolve("plain.h5"), fitted = dir.resolve("fitted.h5");
        assertEquals(0, quiet("render", "--count", "6", "--seed", "4", "--out", plain.toString()));
        assertEquals(0, quiet("render", "--count", "6", "--seed", "4", "--appearance", ranges.toString(), "--out", fitted.toString()));
        org.simgan.data.EyeDataset a = org.simgan.data.io.DatasetIo.read(plain), b = org.simgan.data.io.DatasetIo.read(fitted);
        for (int i = 0; i < 6; i++) {
            assertEquals(a.label(i), b.label(i), "image " + i);
            assertTrue(!java.util.Arrays.equals(a.pixels(i), b.pixels(i)), "image " + i + " should look different");
        }
        // the defaults, printed, are a file that renders the same bytes as no file at all
        Path defaults = dir.resolve("defaults.txt"), again = dir.resolve("again.h5");
        Files.writeString(defaults, captured(() -> assertEquals(0, Main.run(new String[] {"render", "--appearance-defaults"}))));
        assertEquals(0, quiet("render", "--count", "6", "--seed", "4", "--appearance", defaults.toString(), "--out", again.toString()));
        assertEquals(a.size(), org.simgan.data.io.DatasetIo.read(again).size());
        for (int i = 0; i < 6; i++) assertTrue(java.util.Arrays.equals(a.pixels(i), org.simgan.data.io.DatasetIo.read(again).pixels(i)));
    }

    @Test
    void badAppearanceFilesAreUsageErrorsAndWriteNothing() throws Exception {
        Path bad = dir.resolve("bad.txt"), out = dir.resolve("x.tif");
        Files.writeString(bad, "iris-shade-min=0.9\n");
        assertEquals(2, quiet("render", "--count", "3", "--appearance", bad.toString(), "--out", out.toString()));
        assertEquals(2, quiet("render", "--count", "3", "--appearance", dir.resolve("missing.txt").toString(), "--out", out.toString()));
        Files.writeString(bad, "blur-max=2\n");
        assertEquals(2, quiet("render", "--count", "3", "--style", "camera", "--appearance", bad.toString(), "--out", out.toString()));
        assertTrue(!Files.exists(out));
    }

    @Test
    void timingRendersAndReports() {
        String out = captured(() -> assertEquals(0, Main.run(new String[] {"render", "--count", "20", "--timing", "--style", "camera"})));
        assertTrue(out.matches("(?s)rendered 20 55x35 camera images in .* s .*"), out);
    }

    @Test
    void paramsCsvHasOneRowPerImage() throws Exception {
        Path csv = dir.resolve("p.csv");
        captured(() -> assertEquals(0, Main.run(new String[] {"render", "--count", "5", "--timing", "--params", csv.toString()})));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(6, lines.size());
        assertTrue(lines.get(0).startsWith("name,look_x,look_y,look_z,pitch_deg,yaw_deg,pupil_x,pupil_y,pupil_visible,pupil_lid_clearance,cameraDistance"));
        assertTrue(lines.get(5).startsWith("00004,"));
        assertEquals(lines.get(0).split(",").length, lines.get(3).split(",").length);
    }

    private static int quiet(String... argv) {
        int[] code = new int[1];
        captured(() -> code[0] = Main.run(argv));
        return code[0];
    }

    private static String captured(Runnable r) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(p);
        System.setErr(p);
        try {
            r.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
