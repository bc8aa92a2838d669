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
        try (Trainer t = new Trainer(s, TrainingRun.normalized(synthetic), TrainingRun.normalized(real), TinyRuns.ENGINE)) {
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
        try (Trainer t = new Trainer(s, TrainingRun.normalized(synthetic), TrainingRun.normalized(real), TinyRuns.ENGINE)) {
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
        try (Trainer t = new Trainer(s, TrainingRun.normalized(synthetic), TrainingRun.normalized(real), TinyRuns.ENGINE)) {
            while (!t.done()) t.step(quiet);
            straightR = t.refinerParams();
            straightD = t.discriminatorParams();
        }
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        try (Trainer t = new Trainer(s, TrainingRun.normalized(synthetic), TrainingRun.normalized(real), TinyRuns.ENGINE)) {
            while (t.step() < half) t.step(quiet);
            Checkpoint.save(t.state(), file);
        }
        try (Trainer t = new Trainer(Checkpoint.load(file), TrainingRun.normalized(synthetic), TrainingRun.normalized(real), TinyRuns.ENGINE)) {
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
        try (Trainer t = new Trainer(s, TrainingRun.normalized(synthetic), TrainingRun.normalized(real), TinyRuns.ENGINE)) {
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
        TrainSettings s = TrainSettings.fromMap(Map.of("lr", "1e30", "checkpointEvery", "1", "optimizer", "sgd"), TinyRuns.settings(0, 0, 50));
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
        e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.normalized(bad));
        assertTrue(e.getMessage().contains("'bad'") && e.getMessage().contains("1,1"), e.getMessage());
    }
}
