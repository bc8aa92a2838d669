package org.simgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;
import org.simgan.data.io.DatasetIo;
import org.simgan.nn.ParamSet;
import org.simgan.train.Checkpoint;
import org.simgan.train.Trainer;

/** The train and refine commands as a user runs them, including a resume in a separate Java process. */
class CommandLineTest {
    private static final String[] TINY = {"--batch", "4", "--features", "4", "--blocks", "1", "--disc-width", "16", "--history-size", "8",
            "--refiner-pretrain", "3", "--disc-pretrain", "2", "--iterations", "3", "--threads", "1", "--preview-every", "4",
            "--checkpoint-every", "0", "--width", "16", "--height", "12", "--log-every", "0", "--disc-padding", "zero"};

    static EyeDataset images(int n, long seed, boolean labels) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] px = new float[n][12 * 16];
        SliceLabel[] l = new SliceLabel[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < px[i].length; j++) px[i][j] = r.nextInt(256);
            l[i] = new SliceLabel("img" + i, labels ? Gaze.fromPitchYaw(r.nextDouble() - 0.5, r.nextDouble() - 0.5) : null);
        }
        return new EyeDataset(16, 12, 8, px, l);
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    private static int main(String... args) {
        PrintStream old = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream()));
        try {
            return Main.run(args);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void resumingInANewProcessEqualsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path syn = dir.resolve("syn.tif"), real = dir.resolve("real.h5");
        DatasetIo.write(images(12, 1, true), syn);
        DatasetIo.write(images(12, 2, false), real);
        String[] data = {"train", "--synthetic", syn.toString(), "--real", real.toString()};
        assertEquals(0, main(with(with(data, TINY), "--out", dir.resolve("straight").toString())));
        // a stop asked for with --max-steps is a success (Ctrl-C exits 130)
        assertEquals(0, main(with(with(data, TINY), "--out", dir.resolve("split").toString(), "--max-steps", "6")));
        assertEquals(6, Checkpoint.load(dir.resolve("split").resolve(Checkpoint.FILE_NAME)).step());

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--resume", dir.resolve("split").toString(), "--threads", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("resume.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the resumed run finishes");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("resume.log")));

        Trainer.State a = Checkpoint.load(dir.resolve("straight").resolve(Checkpoint.FILE_NAME));
        Trainer.State b = Checkpoint.load(dir.resolve("split").resolve(Checkpoint.FILE_NAME));
        assertEquals(a.step(), b.step());
        for (var e : a.tensors().entrySet()) {
            ParamSet.Tensor t = b.tensors().get(e.getKey());
            assertArrayEquals(e.getValue().data(), t.data(), 1e-6f, e.getKey());
        }
        assertArrayEquals(a.history(), b.history(), 1e-6f);
        assertTrue(Files.exists(dir.resolve("split").resolve("previews").resolve("step-0000008.png")));
    }

    @Test
    void refineCarriesLabelsOverAndReportsBadFiles(@TempDir Path dir) throws IOException {
        Path syn = dir.resolve("syn.tif"), real = dir.resolve("real.tif");
        EyeDataset labelled = images(10, 3, true);
        DatasetIo.write(labelled, syn);
        DatasetIo.write(images(10, 4, false), real);
        Path run = dir.resolve("run");
        assertEquals(0, main(with(with(new String[] {"train", "--synthetic", syn.toString(), "--real", real.toString()}, TINY), "--out", run.toString())));
        Path model = run.resolve("refiner.onnx");
        byte[] before = Files.readAllBytes(syn);

        Path outTif = dir.resolve("refined.tif"), outH5 = dir.resolve("refined.h5");
        assertEquals(0, main("refine", "--model", model.toString(), "--input", syn.toString(), "--output", outTif.toString(), "--batch", "3"));
        Path synH5 = dir.resolve("syn.h5");
        DatasetIo.write(labelled, synH5);
        assertEquals(0, main("refine", "--model", model.toString(), "--input", synH5.toString(), "--output", outH5.toString()));
        for (Path out : List.of(outTif, outH5)) {
            EyeDataset refined = DatasetIo.read(out);
            assertEquals(labelled.size(), refined.size());
            for (int i = 0; i < refined.size(); i++) {
                assertEquals(labelled.label(i).name(), refined.label(i).name());
                assertEquals(0, labelled.label(i).gaze().angleDegrees(refined.label(i).gaze()), 0.01);
            }
        }
        assertArrayEquals(before, Files.readAllBytes(syn), "the input file is untouched");

        Path folder = Files.createDirectories(dir.resolve("in"));
        Files.copy(syn, folder.resolve("a.tif"));
        Files.writeString(folder.resolve("b.tif"), "not a tiff");
        Files.copy(synH5, folder.resolve("c.h5"));
        DatasetIo.write(labelled.slice(0, 1), folder.resolve("d.png"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(log));
        int code;
        try {
            code = Main.run(new String[] {"refine", "--model", model.toString(), "--input", folder.toString(), "--output", dir.resolve("out").toString()});
        } finally {
            System.setOut(old);
        }
        assertEquals(1, code);
        String text = log.toString();
        assertTrue(text.contains("FAILED b.tif") && text.contains("3 of 4 files refined, 1 failed"), text);
        assertTrue(Files.exists(dir.resolve("out").resolve("a.tif")) && Files.exists(dir.resolve("out").resolve("c.h5"))
                && Files.exists(dir.resolve("out").resolve("d.tif")));
    }

    @Test
    void usageErrorsAreExplained() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err));
        try {
            assertEquals(2, Main.run(new String[] {"train", "--synthetic", "x.h5", "--out", "somewhere"}));
            assertTrue(err.toString().contains("--real are required"), err.toString());
            assertEquals(2, Main.run(new String[] {"bench", "refine", "--bacth", "8"}));
            assertTrue(err.toString().contains("unknown option(s): --bacth"), err.toString());
            assertEquals(1, Main.run(new String[] {"train", "--resume", "/nonexistent/run"}));
            assertTrue(err.toString().contains("no checkpoint"), err.toString());
        } finally {
            System.setErr(old);
        }
    }
}
