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
        assertTrue(lines.get(0).startsWith("name,look_x,look_y,look_z,pitch_deg,yaw_deg,pupil_x,pupil_y,pupil_visible,cameraDistance"));
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
