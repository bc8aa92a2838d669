package org.simgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.nn.ParamSet;

class TrainerTest {
    private final EyeDataset synthetic = TinyRuns.images(20, false, 1), real = TinyRuns.images(20, true, 2);
    private final TrainingListener quiet = new TrainingListener() {
    };

    @Test
    void scheduleFollowsPretrainingThenAlternation() {
        TrainSettings s = TinyRuns.settings(2, 1, 2);
        try (Trainer t = new Trainer(s, ImagePool.of(synthetic), ImagePool.of(real), TinyRuns.ENGINE)) {
            List<Trainer.Phase> phases = new ArrayList<>();
            while (!t.done()) phases.add(t.step(quiet).phase());
            assertEquals(List.of(Trainer.Phase.REFINER_PRETRAIN, Trainer.Phase.REFINER_PRETRAIN, Trainer.Phase.DISC_PRETRAIN,
                    Trainer.Phase.REFINER, Trainer.Phase.DISCRIMINATOR, Trainer.Phase.REFINER, Trainer.Phase.DISCRIMINATOR), phases);
        }
    }

    @Test
    void historyBufferFillsThenRecycles() {
        // capacity 8, half batch 2: seeded with 2, then +2 per discriminator step until full
        TrainSettings s = TinyRuns.settings(0, 6, 0);
        try (Trainer t = new Trainer(s, ImagePool.of(synthetic), ImagePool.of(real), TinyRuns.ENGINE)) {
            List<Integer> sizes = new ArrayList<>();
            float[] snapshot = null;
            while (!t.done()) {
                t.step(quiet);
                sizes.add(t.history().size());
                if (t.history().size() == 8 && snapshot == null) snapshot = t.state().history().clone();
            }
            assertEquals(List.of(4, 6, 8, 8, 8, 8), sizes);
            float[] later = t.state().history();
            assertFalse(java.util.Arrays.equals(snapshot, later), "a full buffer must still take in fresh refined images");
            for (float v : later) assertTrue(v >= -1 && v <= 1, "buffer holds refined images in [-1, 1]");
        }
    }

    @Test
    void resumingFromACheckpointEqualsAnUninterruptedRun(@TempDir Path dir) throws IOException {
        TrainSettings s = TinyRuns.settings(2, 2, 3);
        long half = s.totalSteps() / 2;
        ParamSet straightR, straightD;
        try (Trainer t = new Trainer(s, ImagePool.of(synthetic), ImagePool.of(real), TinyRuns.ENGINE)) {
            while (!t.done()) t.step(quiet);
            straightR = t.refinerParams();
            straightD = t.discriminatorParams();
        }
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        try (Trainer t = new Trainer(s, ImagePool.of(synthetic), ImagePool.of(real), TinyRuns.ENGINE)) {
            while (t.step() < half) t.step(quiet);
            Checkpoint.save(t.state(), file);
        }
        try (Trainer t = new Trainer(Checkpoint.load(file), ImagePool.of(synthetic), ImagePool.of(real), TinyRuns.ENGINE)) {
            assertEquals(half, t.step());
            while (!t.done()) t.step(quiet);
            assertClose(straightR, t.refinerParams());
            assertClose(straightD, t.discriminatorParams());
        }
    }

    static void assertClose(ParamSet want, ParamSet got) {
        for (var e : want.all().entrySet()) {
            assertArrayEquals(e.getValue().data(), got.get(e.getKey()).data(), 1e-6f, e.getKey());
        }
    }

    @Test
    void stoppingSavesACheckpointAndResumeFinishes(@TempDir Path dir) throws IOException {
        TrainSettings s = TinyRuns.settings(3, 2, 4);
        AtomicInteger steps = new AtomicInteger();
        TrainingListener stopAfter5 = new TrainingListener() {
            @Override
            public void step(StepReport r) {
                steps.incrementAndGet();
            }

            @Override
            public boolean cancelRequested() {
                return steps.get() >= 5;
            }
        };
        assertEquals(TrainingRun.Outcome.STOPPED, TrainingRun.start(s, synthetic, real, dir, TinyRuns.ENGINE, stopAfter5));
        assertEquals(5, Checkpoint.load(dir.resolve(Checkpoint.FILE_NAME)).step());
        assertTrue(Files.size(dir.resolve(TrainingRun.REFINER_FILE)) > 0);
        assertEquals(TrainingRun.Outcome.COMPLETED, TrainingRun.resume(synthetic, real, dir, TinyRuns.ENGINE, quiet));
        assertEquals(s.totalSteps(), Checkpoint.load(dir.resolve(Checkpoint.FILE_NAME)).step());
        List<String> log = Files.readAllLines(dir.resolve(TrainingRun.LOSS_LOG));
        assertEquals(1 + s.totalSteps(), log.size(), "one header and one line per step across both sessions");
        assertThrows(IllegalArgumentException.class, () -> TrainingRun.start(s, synthetic, real, dir, TinyRuns.ENGINE, quiet));
    }

    @Test
    void truncatedOrCorruptCheckpointIsAClearError(@TempDir Path dir) throws IOException {
        TrainSettings s = TinyRuns.settings(1, 1, 1);
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        try (Trainer t = new Trainer(s, ImagePool.of(synthetic), ImagePool.of(real), TinyRuns.ENGINE)) {
            t.step(quiet);
            Checkpoint.save(t.state(), file);
        }
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.simgan");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(truncated));
        assertTrue(e.getMessage().contains("unreadable or truncated"), e.getMessage());
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 3] ^= 0x5A;
        Path corrupt = dir.resolve("corrupt.simgan");
        Files.write(corrupt, flipped);
        e = assertThrows(IOException.class, () -> Checkpoint.load(corrupt));
        assertTrue(e.getMessage().contains("unreadable or truncated"), e.getMessage());
        e = assertThrows(IOException.class, () -> Checkpoint.load(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("no checkpoint"), e.getMessage());
        // the settings alone come from the first entry; a file that is no checkpoint gives load's error
        assertEquals(Checkpoint.load(file).settings(), Checkpoint.settings(file));
        assertEquals(s, Checkpoint.settings(file));
        e = assertThrows(IOException.class, () -> Checkpoint.settings(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("no checkpoint"), e.getMessage());
        Path notZip = Files.writeString(dir.resolve("notes.simgan"), "not a checkpoint");
        e = assertThrows(IOException.class, () -> Checkpoint.settings(notZip));
        assertTrue(e.getMessage().contains("unreadable or truncated"), e.getMessage());
    }

    @Test
    void aFailedCheckpointWriteKeepsThePreviousOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        Files.writeString(file, "previous good checkpoint");
        assertThrows(IOException.class, () -> org.simgan.io.AtomicFile.write(file, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }));
        assertEquals("previous good checkpoint", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void divergingLossStopsTheRunAndKeepsTheLastCheckpoint(@TempDir Path dir) throws IOException {
        TrainSettings s = TrainSettings.fromMap(Map.of("lr", "1e30", "checkpoint-every", "1", "optimizer", "sgd"), TinyRuns.settings(0, 0, 50));
        RuntimeException e = assertThrows(RuntimeException.class, () -> TrainingRun.start(s, synthetic, real, dir, TinyRuns.ENGINE, quiet));
        assertTrue(e.getMessage().contains("became") && e.getMessage().contains("last good checkpoint"), e.getMessage());
        Trainer.State kept = Checkpoint.load(dir.resolve(Checkpoint.FILE_NAME));
        for (ParamSet.Tensor t : kept.tensors().values()) for (float v : t.data()) assertTrue(Float.isFinite(v));
    }

    @Test
    void wrongImageSizeOrNaNPixelsAreRejected(@TempDir Path dir) {
        TrainSettings s = TrainSettings.fromMap(Map.of("width", "20"), TinyRuns.settings(1, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.start(s, synthetic, real, dir, TinyRuns.ENGINE, quiet));
        assertTrue(e.getMessage().contains("16x12") && e.getMessage().contains("20x12") && e.getMessage().contains("resize"), e.getMessage());
        float[][] px = new float[1][12 * 16];
        px[0][17] = Float.NaN;
        EyeDataset bad = new EyeDataset(16, 12, 32, px, new org.simgan.data.SliceLabel[] {new org.simgan.data.SliceLabel("bad", null)});
        e = assertThrows(IllegalArgumentException.class, () -> ImagePool.of(bad));
        assertTrue(e.getMessage().contains("'bad'") && e.getMessage().contains("1,1"), e.getMessage());
    }

    private static TrainingListener stopAfter(int n) {
        AtomicInteger steps = new AtomicInteger();
        return new TrainingListener() {
            @Override
            public void step(StepReport r) {
                steps.incrementAndGet();
            }

            @Override
            public boolean cancelRequested() {
                return steps.get() >= n;
            }
        };
    }

    @Test
    void resumeAfterAKillLogsEachStepOnceAndInOrder(@TempDir Path dir) throws IOException {
        TrainSettings s = TinyRuns.settings(3, 2, 4);
        assertEquals(TrainingRun.Outcome.STOPPED, TrainingRun.start(s, synthetic, real, dir, TinyRuns.ENGINE, stopAfter(5)));
        // as a kill -9 after the checkpoint at step 5 leaves it: steps 6 and 7 logged, step 8 cut in the middle
        Path log = dir.resolve(TrainingRun.LOSS_LOG);
        Files.writeString(log, "6,R,1.0,1.0,0.1,,,,10.00\n7,D,,,,0.7,0.5,0.5,10.00\n8,R,1.2", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(TrainingRun.Outcome.COMPLETED, TrainingRun.resume(synthetic, real, dir, TinyRuns.ENGINE, quiet));
        List<String> lines = Files.readAllLines(log);
        assertEquals(TrainingRun.LOG_HEADER, lines.get(0));
        List<Long> steps = lines.stream().skip(1).map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).toList();
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= s.totalSteps(); i++) expected.add(i);
        assertEquals(expected, steps, "every step once, in order");
        assertFalse(lines.contains("6,R,1.0,1.0,0.1,,,,10.00"), "the killed session's lines after its checkpoint are gone");
    }

    @Test
    void resumeOnOtherImagesIsRefusedAndChangesNothing(@TempDir Path dir) throws IOException {
        TrainSettings s = TinyRuns.settings(3, 2, 4);
        TrainingRun.start(s, synthetic, real, dir, TinyRuns.ENGINE, stopAfter(4));
        Map<String, byte[]> before = snapshot(dir);
        EyeDataset otherReal = TinyRuns.images(20, true, 99);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingRun.resume(synthetic, otherReal, dir, TinyRuns.ENGINE, quiet));
        assertTrue(e.getMessage().contains("the real images differ from those the run started with") && e.getMessage().contains("20 images of 16x12, 8-bit")
                && e.getMessage().contains("give the original data"), e.getMessage());
        EyeDataset fewer = synthetic.slice(0, 19);
        e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.resume(fewer, real, dir, TinyRuns.ENGINE, quiet));
        assertTrue(e.getMessage().contains("the synthetic images differ") && e.getMessage().contains("now: 19 images"), e.getMessage());
        assertSnapshot(before, dir);
        // the same images, read again (other arrays), resume
        EyeDataset again = TinyRuns.images(20, false, 1);
        assertEquals(TrainingRun.Outcome.COMPLETED, TrainingRun.resume(again, real, dir, TinyRuns.ENGINE, quiet));
    }

    @Test
    void aRefusedStartChangesNothing(@TempDir Path dir) throws IOException {
        TrainSettings s = TinyRuns.settings(1, 1, 1);
        TrainingRun.start(s, synthetic, real, dir, TinyRuns.ENGINE, quiet);
        Map<String, byte[]> before = snapshot(dir);
        EyeDataset other = TinyRuns.images(20, false, 42);
        Path sourcesFile = dir.resolve("elsewhere.tif");
        TrainingRun.Sources src = new TrainingRun.Sources(sourcesFile, null, List.of(), Map.of("synthetic", sourcesFile.toString()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.start(s, other, real, dir, src, TinyRuns.ENGINE, quiet));
        assertTrue(e.getMessage().contains("already holds a training run"), e.getMessage());
        assertSnapshot(before, dir);
        // refused for its images: no folder is made
        Path fresh = dir.resolve("fresh");
        TrainSettings wide = TrainSettings.fromMap(Map.of("width", "20"), s);
        assertThrows(IllegalArgumentException.class, () -> TrainingRun.start(wide, synthetic, real, fresh, src, TinyRuns.ENGINE, quiet));
        assertFalse(Files.exists(fresh));
        // a run file that is an input
        Path input = Files.writeString(Files.createDirectories(dir.resolve("inputs")).resolve("losses.csv"), "x");
        IOException io = assertThrows(IOException.class, () -> TrainingRun.checkNewRunFolder(input.getParent(), input));
        assertTrue(io.getMessage().contains("is the input"), io.getMessage());
    }

    @Test
    void aResumedRunRemovesTheTemporariesAKillLeft(@TempDir Path dir) throws IOException {
        TrainSettings s = TinyRuns.settings(3, 2, 4);
        TrainingRun.start(s, synthetic, real, dir, TinyRuns.ENGINE, stopAfter(5));
        Path stale = Files.createFile(dir.resolve(".checkpoint.simgan.15650371913639284613.part.simgan"));
        Path staleModel = Files.createFile(dir.resolve(".refiner.onnx.2910022461823651720.part.onnx"));
        TrainingRun.resume(synthetic, real, dir, TinyRuns.ENGINE, stopAfter(1));
        assertFalse(Files.exists(stale) || Files.exists(staleModel));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList());
        }
    }

    @Test
    void aDivergingRunWithNoCheckpointYetSaysSo(@TempDir Path dir) {
        TrainSettings s = TrainSettings.fromMap(Map.of("lr", "1e30", "checkpoint-every", "0", "optimizer", "sgd"), TinyRuns.settings(0, 0, 50));
        RuntimeException e = assertThrows(RuntimeException.class, () -> TrainingRun.start(s, synthetic, real, dir, TinyRuns.ENGINE, quiet));
        assertTrue(e.getMessage().contains("became") && e.getMessage().contains("No checkpoint had been saved yet"), e.getMessage());
        assertFalse(e.getMessage().contains("none") || e.getMessage().contains("is kept"), e.getMessage());
    }

    @Test
    void aCheckpointWithAMalformedEntryNamesTheFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.simgan");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(bad))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("tensors.bin"));
            // one tensor whose name is not valid modified UTF-8: readUTF says "malformed input around byte 0"
            zip.write(new byte[] {0, 0, 0, 1, 0, 2, (byte) 0xFF, (byte) 0xFF});
            zip.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(bad));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("unreadable or truncated"), e.getMessage());
    }

    static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> m = new java.util.TreeMap<>();
        try (var s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        return m;
    }

    static void assertSnapshot(Map<String, byte[]> before, Path dir) throws IOException {
        Map<String, byte[]> now = snapshot(dir);
        assertEquals(before.keySet(), now.keySet(), "the same files");
        for (var e : before.entrySet()) assertArrayEquals(e.getValue(), now.get(e.getKey()), "unchanged: " + e.getKey());
    }
}
