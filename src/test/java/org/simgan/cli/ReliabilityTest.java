package org.simgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;
import org.simgan.data.io.DatasetIo;
import org.simgan.io.Mounts;
import org.simgan.nn.ModelExport;
import org.simgan.nn.Refiner;
import org.simgan.train.Checkpoint;

/**
 * Issue #12 as a user meets it on the command line: no command overwrites an input, a refused command changes
 * nothing, bad data and bad outputs are refused before the work with a message naming the file, a full disk is
 * said as such, and the smaller cases.
 */
class ReliabilityTest {
    private static final String[] TINY = {"--batch", "4", "--features", "4", "--blocks", "1", "--disc-width", "16", "--history-size", "8",
            "--refiner-pretrain", "3", "--disc-pretrain", "2", "--iterations", "3", "--threads", "1", "--preview-every", "0",
            "--checkpoint-every", "0", "--width", "16", "--height", "12", "--log-every", "0", "--disc-padding", "zero"};
    private static final String[] GAZE_TINY = {"--steps", "2", "--scale", "8", "--batch", "4", "--threads", "1"};

    /** What a command printed and returned. */
    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    /** {@code n} labelled 8-bit (or float) images of {@code w x h}. */
    static EyeDataset images(int n, int w, int h, int bitDepth, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] px = new float[n][w * h];
        SliceLabel[] l = new SliceLabel[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < px[i].length; j++) px[i][j] = bitDepth == 32 ? (float) r.nextDouble() : r.nextInt(256);
            l[i] = SliceLabel.parse(new SliceLabel(String.format("img%02d", i), Gaze.fromPitchYaw(r.nextDouble() - 0.5, r.nextDouble() - 0.5)).format());
        }
        return new EyeDataset(w, h, bitDepth, px, l);
    }

    static Path write(EyeDataset ds, Path file) throws IOException {
        DatasetIo.write(ds, file);
        return file;
    }

    static Path refiner(Path file, int w, int h) throws IOException {
        Refiner net = new Refiner(h, w, 4, 1);
        ModelExport.save(ModelExport.model(net, net.initialize(3), Map.of()), file);
        return file;
    }

    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (var s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        return m;
    }

    static void assertUnchanged(Map<String, byte[]> before, Path dir) throws IOException {
        Map<String, byte[]> now = snapshot(dir);
        assertEquals(before.keySet(), now.keySet(), "the same files in " + dir);
        for (var e : before.entrySet()) assertArrayEquals(e.getValue(), now.get(e.getKey()), "unchanged: " + e.getKey());
    }

    // case 1
    @Test
    void noCommandWritesOverOneOfItsInputs(@TempDir Path dir) throws IOException {
        Path x = write(images(8, 55, 35, 8, 1), dir.resolve("x.tif"));
        Path gaze = dir.resolve("gaze.onnx");
        assertEquals(0, run(with(new String[] {"gaze", "train", "--data", x.toString(), "--out", gaze.toString()}, GAZE_TINY)).code());
        Files.createDirectories(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link.onnx"), x);
        Path model = refiner(dir.resolve("refiner.onnx"), 55, 35);
        Map<String, byte[]> before = snapshot(dir);
        String dotted = dir.resolve("sub").resolve("..").resolve("x.tif").toString();
        List<String[]> attempts = List.of(
                new String[] {"gaze", "predict", "--model", gaze.toString(), "--data", x.toString(), "--out", x.toString(), "--threads", "1"},
                new String[] {"gaze", "predict", "--model", gaze.toString(), "--data", x.toString(), "--csv", x.toString(), "--threads", "1"},
                new String[] {"gaze", "predict", "--model", gaze.toString(), "--data", x.toString(), "--out", dotted, "--threads", "1"},
                new String[] {"gaze", "predict", "--model", gaze.toString(), "--data", x.toString(), "--csv", gaze.toString(), "--threads", "1"},
                with(new String[] {"gaze", "train", "--data", x.toString(), "--out", link.toString()}, GAZE_TINY),
                new String[] {"refine", "--model", model.toString(), "--input", x.toString(), "--output", dotted, "--threads", "1"},
                new String[] {"refine", "--model", model.toString(), "--input", x.toString(), "--output", link.toString().replace(".onnx", ".tif"),
                        "--threads", "1"},
                with(new String[] {"train", "--synthetic", x.toString(), "--real", x.toString(), "--out", dotted}, TINY),
                new String[] {"evaluate", "--model", model.toString(), "--synthetic", x.toString(), "--real", x.toString(), "--out", dotted});
        Files.createSymbolicLink(dir.resolve("link.tif"), x);
        for (String[] a : attempts) {
            Run r = run(a);
            assertNotEquals(0, r.code(), String.join(" ", a));
            assertTrue(r.err().contains("is the input") || r.err().contains("is a file, not a folder"), String.join(" ", a) + "\n" + r.err());
        }
        Files.delete(dir.resolve("link.tif"));
        assertUnchanged(before, dir);
        // gaze train's model must be an .onnx file
        Run r = run(with(new String[] {"gaze", "train", "--data", x.toString(), "--out", x.toString()}, GAZE_TINY));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--out must name an .onnx file"), r.err());
        assertUnchanged(before, dir);
    }

    // case 2
    @Test
    void trainRefusedOnAnExistingRunChangesNothing(@TempDir Path dir) throws IOException {
        Path syn = write(images(12, 16, 12, 8, 1), dir.resolve("syn.tif")), real = write(images(12, 16, 12, 8, 2), dir.resolve("real.h5"));
        Path other = write(images(12, 16, 12, 8, 3), dir.resolve("other.tif"));
        Path run = dir.resolve("run");
        assertEquals(0, run(with(new String[] {"train", "--synthetic", syn.toString(), "--real", real.toString(), "--out", run.toString()}, TINY)).code());
        Map<String, byte[]> before = snapshot(run);
        Run r = run(with(new String[] {"train", "--synthetic", other.toString(), "--real", real.toString(), "--out", run.toString()}, TINY));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("already holds a training run"), r.err());
        assertUnchanged(before, run);
        assertFalse(r.out().contains("synthetic: 12 images"), "refused before reading the data: " + r.out());
        // refused for a bad setting or bad data: no folder is made
        Path fresh = dir.resolve("fresh");
        assertNotEquals(0, run(with(with(new String[] {"train", "--synthetic", syn.toString(), "--real", real.toString(), "--out", fresh.toString()}, TINY),
                "--width", "20")).code());
        assertFalse(Files.exists(fresh));
    }

    // case 3
    @Test
    void aTruncatedStackIsRefusedByRefineAndTrain(@TempDir Path dir) throws IOException {
        Path whole = write(images(64, 16, 12, 8, 4), dir.resolve("whole.tif"));
        byte[] bytes = Files.readAllBytes(whole);
        Path half = Files.write(dir.resolve("half.tif"), Arrays.copyOf(bytes, bytes.length / 2));
        Path model = refiner(dir.resolve("refiner.onnx"), 16, 12), out = dir.resolve("out.tif");
        Run r = run("refine", "--model", model.toString(), "--input", half.toString(), "--output", out.toString(), "--threads", "1");
        assertEquals(1, r.code());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("declares 64 slices but only (\\d+) can be read").matcher(r.err());
        assertTrue(r.err().contains(half.toString()) && m.find() && Integer.parseInt(m.group(1)) < 64, r.err());
        assertFalse(r.out().contains("refined"), r.out());
        assertFalse(Files.exists(out));
        r = run(with(new String[] {"train", "--synthetic", half.toString(), "--real", whole.toString(), "--out", dir.resolve("run").toString()}, TINY));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("declares 64 slices"), r.err());
    }

    // case 4
    @Test
    void gazePredictAndTrainRefuseNaNPixels(@TempDir Path dir) throws IOException {
        EyeDataset clean = images(8, 55, 35, 32, 5);
        Path good = write(clean, dir.resolve("good.tif"));
        Path gaze = dir.resolve("gaze.onnx");
        assertEquals(0, run(with(new String[] {"gaze", "train", "--data", good.toString(), "--out", gaze.toString()}, GAZE_TINY)).code());
        float[][] px = new float[8][];
        for (int i = 0; i < 8; i++) px[i] = clean.pixels(i).clone();
        px[3][100] = Float.NaN;
        px[5][7] = Float.POSITIVE_INFINITY;
        Path bad = write(new EyeDataset(55, 35, 32, px, clean.labels().toArray(new SliceLabel[0])), dir.resolve("bad.tif"));
        Path out = dir.resolve("pred.tif"), csv = dir.resolve("pred.csv");
        Run r = run("gaze", "predict", "--model", gaze.toString(), "--data", bad.toString(), "--out", out.toString(), "--csv", csv.toString(), "--threads", "1");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().contains("image 3 ('img03')") && r.err().contains("NaN"), r.err());
        assertFalse(Files.exists(out) || Files.exists(csv), "nothing written");
        r = run(with(new String[] {"gaze", "train", "--data", bad.toString(), "--out", dir.resolve("g2.onnx").toString()}, GAZE_TINY));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("image 3 ('img03')") && r.err().contains("NaN"), r.err());
        assertFalse(r.err().contains("training the gaze estimator"), "refused before training: " + r.err());
    }

    // case 6
    @Test
    void resumeOnAReplacedDataFileIsRefused(@TempDir Path dir) throws IOException {
        Path syn = write(images(12, 16, 12, 8, 1), dir.resolve("syn.tif")), real = write(images(12, 16, 12, 8, 2), dir.resolve("real.tif"));
        Path run = dir.resolve("run");
        int code = run(with(new String[] {"train", "--synthetic", syn.toString(), "--real", real.toString(), "--out", run.toString()}, with(TINY,
                "--max-steps", "4"))).code();
        assertTrue(code == 0 || code == 130, "stopped with a checkpoint (the exit code has its own test): " + code);
        Map<String, byte[]> before = snapshot(run);
        write(images(12, 16, 12, 8, 77), syn); // same name, count and size; other pixels
        Run r = run("train", "--resume", run.toString(), "--threads", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot resume") && r.err().contains("the synthetic images differ") && r.err().contains(syn.toAbsolutePath().toString()),
                r.err());
        assertUnchanged(before, run);
        assertTrue(Files.exists(run.resolve("data-fingerprint.properties")));
        write(images(12, 16, 12, 8, 1), syn); // the original images back: the resume goes on
        assertEquals(0, run("train", "--resume", run.toString(), "--threads", "1").code());
        assertEquals(3 + 2 + 3 * (2 + 1), Checkpoint.load(run.resolve(Checkpoint.FILE_NAME)).step());
    }

    // case 7
    @Test
    void badOutputsAreRefusedBeforeTheWorkNamingTheUsersFile(@TempDir Path dir) throws IOException {
        Path x = write(images(8, 16, 12, 8, 1), dir.resolve("x.tif"));
        Path model = refiner(dir.resolve("refiner.onnx"), 16, 12);
        Path missing = dir.resolve("missing").resolve("out.tif");
        Run r = run("refine", "--model", model.toString(), "--input", x.toString(), "--output", missing.toString(), "--threads", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(missing.toString()) && r.err().contains("does not exist"), r.err());
        assertFalse(r.out().contains("refined"), "refused before the work: " + r.out());
        r = run("refine", "--model", model.toString(), "--input", x.toString(), "--output", dir.resolve("out.jpg").toString(), "--threads", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("out.jpg") && r.err().contains(".tif/.tiff"), r.err());
        assertFalse(r.out().contains("refined"), r.out());
        Path eyes = write(images(8, 55, 35, 8, 2), dir.resolve("eyes.tif"));
        r = run(with(new String[] {"gaze", "train", "--data", eyes.toString(), "--out", dir.resolve("missing").resolve("g.onnx").toString()}, GAZE_TINY));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("g.onnx") && r.err().contains("does not exist"), r.err());
        assertFalse(r.err().contains("training the gaze estimator"), "refused before training: " + r.err());
        try (Mounts.Folder ro = Mounts.readOnly(dir.resolve("ro"))) {
            Path target = ro.path().resolve("out.tif");
            r = run("refine", "--model", model.toString(), "--input", x.toString(), "--output", target.toString(), "--threads", "1");
            assertEquals(1, r.code());
            assertTrue(r.err().contains(target.toString()), r.err());
            assertFalse(r.all().contains(".part") || r.out().contains("refined"), r.all());
            r = run(with(new String[] {"gaze", "train", "--data", eyes.toString(), "--out", ro.path().resolve("g.onnx").toString()}, GAZE_TINY));
            assertEquals(1, r.code());
            assertTrue(r.err().contains(ro.path().resolve("g.onnx").toString()) && !r.err().contains(".part"), r.err());
        }
    }

    // case 8
    @Test
    void refineOnAFullDiskSaysSo(@TempDir Path dir) throws Exception {
        Path syn = write(images(40, 24, 20, 8, 1), dir.resolve("syn.tif"));
        Path model = refiner(dir.resolve("refiner.onnx"), 24, 20);
        try (Mounts.Folder full = Mounts.full(dir.resolve("full"), "16k")) {
            Path out = full.path().resolve("x.h5");
            Run r = run("refine", "--model", model.toString(), "--input", syn.toString(), "--output", out.toString(), "--threads", "1");
            assertEquals(1, r.code());
            assertTrue(r.err().contains("no space left on device while writing " + out), r.err());
            assertEquals(List.of(), Mounts.names(full.path()), "no partial file and no temporary left");
        }
    }

    // case 8
    @Test
    void evaluateOnAFullDiskLeavesNoPartialReportAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path syn = write(images(40, 24, 20, 8, 1), dir.resolve("syn.tif")), real = write(images(40, 24, 20, 8, 2), dir.resolve("real.tif"));
        Path model = refiner(dir.resolve("refiner.onnx"), 24, 20);
        try (Mounts.Folder full = Mounts.full(dir.resolve("full"), "16k")) {
            // evaluate in its own process: what it prints up to its exit (shutdown hooks too) is what a user sees
            Path report = full.path().resolve("report");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "evaluate", "--model", model.toString(), "--synthetic", syn.toString(), "--real", real.toString(), "--out",
                    report.toString(), "--c2st-runs", "1", "--c2st-steps", "2", "--gaze-steps", "2", "--gaze-scale", "8", "--threads", "1")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("evaluate.log").toFile()).start();
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "evaluate finishes");
            String log = Files.readString(dir.resolve("evaluate.log"));
            assertEquals(1, p.exitValue(), log);
            assertTrue(log.contains("no space left on device while writing " + report), log);
            assertFalse(log.contains("Exception") || log.contains("\tat "), "no stack trace: " + log);
            assertEquals(List.of(), Mounts.names(full.path()), "no partial report and no temporary left");
        }
    }

    @Test
    void runningOutOfMemoryNamesTheLimitAndTheFixAndWritesNothing(@TempDir Path dir) throws Exception {
        // a TIFF stack is assembled in memory: 30,000 renders (58 MB as bytes) cannot fit a 32 MB heap
        Path out = dir.resolve("many.tif");
        Process p = render(dir, out, 30_000, "-Xmx32m");
        String log = Files.readString(dir.resolve("render.log"));
        assertEquals(1, p.exitValue(), log);
        assertTrue(log.contains("simgan render: out of memory: Java may use at most"), log);
        assertTrue(log.contains("-Xmx8g"), log);
        assertFalse(Files.exists(out), "no output");
        assertEquals(List.of("render.log"), Mounts.names(dir), "no temporary left");
    }

    /** HDF5 is written as the images are rendered: the same 30,000 renders fit the 32 MB heap, and read back. */
    @Test
    void renderingToHdf5NeedsMemoryForOnePartOnly(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("many.h5");
        Process p = render(dir, out, 30_000, "-Xmx32m");
        String log = Files.readString(dir.resolve("render.log"));
        assertEquals(0, p.exitValue(), log);
        try (org.simgan.data.io.Hdf5Reader h5 = org.simgan.data.io.Hdf5Reader.open(out, org.simgan.data.io.ReadOptions.defaults())) {
            assertEquals(30_000, h5.count());
            assertTrue(h5.hasLabels());
            org.simgan.data.EyeDataset last = h5.read(29_990, 10);
            org.simgan.data.EyeDataset expected = new org.simgan.sim.EyeSimulator(1).renderDataset(29_990, 10, org.simgan.progress.Listener.NONE);
            for (int i = 0; i < 10; i++) {
                assertArrayEquals(expected.pixels(i), last.pixels(i), 0f, "image " + (29_990 + i));
                assertEquals(expected.label(i).name(), last.label(i).name());
            }
        }
    }

    private static Process render(Path dir, Path out, int count, String heap) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "render", "--count", Integer.toString(count), "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("render.log").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "render finishes");
        return p;
    }

    // cases 5 and 9
    @Test
    void resumeAfterAKillLogsEachStepOnceAndRemovesTheKilledWritesTemporaries(@TempDir Path dir) throws IOException {
        String[] train = train(dir);
        run(with(with(train, TINY), "--max-steps", "5"));
        Path run = dir.resolve("run");
        assertEquals(5, Checkpoint.load(run.resolve(Checkpoint.FILE_NAME)).step());
        // what kill -9 after the checkpoint at step 5 leaves: steps 6 and 7 logged, step 8 cut short, empty temporaries
        Files.writeString(run.resolve("losses.csv"), "6,R,1.0,1.0,0.1,,,,10.00\n7,D,,,,0.7,0.5,0.5,10.00\n8,R,1.2", java.nio.file.StandardOpenOption.APPEND);
        Path staleCheckpoint = Files.createFile(run.resolve(".checkpoint.simgan.8061528405327442195.part.simgan"));
        Path staleModel = Files.createFile(run.resolve(".refiner.onnx.110384722001295518.part.onnx"));
        assertEquals(0, run("train", "--resume", run.toString(), "--threads", "1").code());
        List<String> lines = Files.readAllLines(run.resolve("losses.csv"));
        List<Long> steps = lines.stream().skip(1).map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).toList();
        List<Long> expected = new ArrayList<>();
        // pre-training, then 3 iterations of kG 2 + kD 1 steps
        for (long i = 1; i <= 3 + 2 + 3 * (2 + 1); i++) expected.add(i);
        assertEquals(expected, steps, "each step once, in order");
        assertFalse(Files.exists(staleCheckpoint) || Files.exists(staleModel), "the temporaries of the killed write are gone");
    }

    // case 10: a NaN stop before the first checkpoint
    @Test
    void aDivergingRunWithoutACheckpointSaysThereIsNone(@TempDir Path dir) throws IOException {
        Run r = run(with(with(train(dir), TINY), "--lr", "1e30", "--optimizer", "sgd", "--refiner-pretrain", "0", "--disc-pretrain", "0", "--iterations", "50"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("became") && r.err().contains("No checkpoint had been saved yet"), r.err());
        assertFalse(r.err().contains("(step none)"), r.err());
    }

    // case 10: a checkpoint with a malformed entry
    @Test
    void aCorruptedCheckpointIsNamed(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path bad = run.resolve(Checkpoint.FILE_NAME);
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(bad))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("tensors.bin"));
            zip.write(new byte[] {0, 0, 0, 1, 0, 2, (byte) 0xFF, (byte) 0xFF}); // a tensor name that is not modified UTF-8
            zip.closeEntry();
        }
        Run r = run("train", "--resume", run.toString(), "--threads", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(bad.toString()) && r.err().contains("unreadable or truncated"), r.err());
    }

    // case 10: an HDF5 file without 'image'
    @Test
    void refineNamesItsHdf5Option(@TempDir Path dir) throws IOException {
        Path model = refiner(dir.resolve("refiner.onnx"), 16, 12);
        Path h5 = dir.resolve("other.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putDataset("eyes", new float[2][12][16]);
        }
        Run r = run("refine", "--model", model.toString(), "--input", h5.toString(), "--output", dir.resolve("o.h5").toString(), "--threads", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--input-dataset PATH") && !r.err().contains("ReadOptions"), r.err());
        assertEquals(0, run("refine", "--model", model.toString(), "--input", h5.toString(), "--input-dataset", "eyes", "--output",
                dir.resolve("o.h5").toString(), "--threads", "1").code());
    }

    // case 10: label lines this project does not know
    @Test
    void refineKeepsUnknownLabelLines(@TempDir Path dir) throws IOException {
        Path model = refiner(dir.resolve("refiner.onnx"), 16, 12);
        EyeDataset ds = images(3, 16, 12, 8, 9);
        SliceLabel[] labels = ds.labels().toArray(new SliceLabel[0]);
        labels[1] = SliceLabel.parse(labels[1].format() + "\ngazX=0.1,0.2,-0.97\nnote: blink");
        Path in = write(new EyeDataset(16, 12, 8, new float[][] {ds.pixels(0), ds.pixels(1), ds.pixels(2)}, labels), dir.resolve("in.tif"));
        Path out = dir.resolve("out.tif");
        assertEquals(0, run("refine", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(), "--threads", "1").code());
        assertEquals(labels[1].format(), DatasetIo.read(out).label(1).format());
        assertTrue(DatasetIo.read(out).label(1).format().contains("gazX=0.1,0.2,-0.97\nnote: blink"));
    }

    private static String[] train(Path dir) throws IOException {
        Path syn = write(images(12, 16, 12, 8, 1), dir.resolve("syn.tif")), real = write(images(12, 16, 12, 8, 2), dir.resolve("real.tif"));
        return new String[] {"train", "--synthetic", syn.toString(), "--real", real.toString(), "--out", dir.resolve("run").toString()};
    }

    // case 10: an option without its value
    @Test
    void anOptionWithoutItsValueSaysSo(@TempDir Path dir) throws IOException {
        String[] train = train(dir);
        Run r = run(with(with(train, TINY), "--iterations"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--iterations needs a value") && !r.err().contains("'true'"), r.err());
        r = run(with(train, "--iterations", "--threads", "1"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--iterations needs a value"), r.err());
        assertFalse(Files.exists(dir.resolve("run")));
    }

    // case 10: --max-steps 0 and -1
    @Test
    void maxStepsMustBePositive(@TempDir Path dir) throws IOException {
        String[] train = train(dir);
        Run r;
        for (String n : List.of("0", "-1")) {
            r = run(with(with(train, TINY), "--max-steps", n));
            assertEquals(2, r.code(), n);
            assertTrue(r.err().contains("--max-steps must be at least 1, got " + n), r.err());
        }
        assertFalse(Files.exists(dir.resolve("run")));
    }

    // case 10: a stop asked for with --max-steps is a success
    @Test
    void aMaxStepsStopExitsWithZero(@TempDir Path dir) throws IOException {
        String[] train = train(dir);
        assertEquals(0, run(with(with(train, TINY), "--max-steps", "2")).code());
        assertEquals(2, Checkpoint.load(dir.resolve("run").resolve(Checkpoint.FILE_NAME)).step());
    }

    // case 10: bench refine --batch 0
    @Test
    void benchRefusesAnEmptyBatch() {
        Run r = run("bench", "refine", "--batch", "0", "--seconds", "0", "--threads", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--batch must be at least 1, got 0") && !r.out().contains("RESULT"), r.all());
    }

    // case 10: folder refine
    @Test
    void folderRefineRefusesInputsThatShareAnOutputName(@TempDir Path dir) throws IOException {
        Path model = refiner(dir.resolve("refiner.onnx"), 16, 12);
        Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
        write(images(1, 16, 12, 8, 1), in.resolve("x.png"));
        write(images(2, 16, 12, 8, 2), in.resolve("x.tif"));
        write(images(2, 16, 12, 8, 3), in.resolve("x.tiff"));
        write(images(2, 16, 12, 8, 4), in.resolve("y.tif"));
        Run r = run("refine", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(), "--threads", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("x.png, x.tif, x.tiff would all be written to " + out.resolve("x.tif")), r.err());
        assertFalse(Files.exists(out), "nothing refined, no folder made");
    }

    // case 10: --overwrite
    @Test
    void refineOverwritesOnlyWhenAsked(@TempDir Path dir) throws IOException {
        Path model = refiner(dir.resolve("refiner.onnx"), 16, 12);
        Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
        write(images(2, 16, 12, 8, 2), in.resolve("x.tif"));
        write(images(2, 16, 12, 8, 4), in.resolve("y.tif"));
        Run r;
        assertEquals(0, run("refine", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(), "--threads", "1").code());
        r = run("refine", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(), "--threads", "1");
        assertEquals(1, r.code());
        assertTrue(r.out().contains("exists already") && r.out().contains("--overwrite"), r.out());
        assertEquals(0, run("refine", "--model", model.toString(), "--input", in.toString(), "--output", out.toString(), "--overwrite", "--threads", "1")
                .code());
        // one file: an existing output is kept unless --overwrite
        Path single = out.resolve("x.tif");
        byte[] before = Files.readAllBytes(single);
        r = run("refine", "--model", model.toString(), "--input", in.resolve("y.tif").toString(), "--output", single.toString(), "--threads", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("exists already") && r.err().contains("--overwrite"), r.err());
        assertArrayEquals(before, Files.readAllBytes(single));
        assertEquals(0, run("refine", "--model", model.toString(), "--input", in.resolve("y.tif").toString(), "--output", single.toString(),
                "--overwrite", "--threads", "1").code());
        assertEquals(2, DatasetIo.read(single).size());
    }

    // case 10: gaze train and image sizes
    @Test
    void gazeTrainRefusesOtherImageSizesUnlessAskedToResize(@TempDir Path dir) throws IOException {
        Path small = write(images(8, 16, 12, 8, 1), dir.resolve("small.tif"));
        Path g = dir.resolve("g.onnx");
        Run r = run(with(new String[] {"gaze", "train", "--data", small.toString(), "--out", g.toString()}, GAZE_TINY));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("16x12") && r.err().contains("55x35 is required") && r.err().contains("resize"), r.err());
        assertFalse(Files.exists(g));
        assertEquals(0, run(with(new String[] {"gaze", "train", "--data", small.toString(), "--out", g.toString(), "--resize", "bilinear"}, GAZE_TINY))
                .code());
        assertTrue(Files.size(g) > 0);
    }
}
