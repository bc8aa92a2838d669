package org.simgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.data.SliceLabel;
import org.simgan.nn.ParamSet;
import org.simgan.progress.Listener;
import org.simgan.refine.RefinerModel;

/**
 * Training with what goes beyond the paper (equalised input, border-free networks, least squares, the
 * discriminator's augmentation), on tiny 24x24 images: it resumes exactly, and the exported refiner carries its
 * equalisation, so {@code refine} applies it with nothing else given.
 */
class RecipeTest {
    private static final int H = 24, W = 24;
    private final TrainingListener quiet = new TrainingListener() {
    };

    static TrainSettings settings(int rPre, int dPre, int iterations) {
        Map<String, String> m = new HashMap<>(Map.of("batch", "4", "features", "4", "blocks", "1", "disc-width", "16",
                "history-size", "8", "height", "" + H, "width", "" + W, "checkpoint-every", "0", "preview-every", "0", "seed", "3"));
        m.putAll(Map.of("refiner-pretrain", "" + rPre, "disc-pretrain", "" + dPre, "iterations", "" + iterations,
                "preprocess", "equalize", "refiner-padding", "reflect", "disc-padding", "valid", "loss", "ls",
                "augment", "flip,shift=2,contrast=0.2,brightness=0.1", "disc-lr", "0.0005"));
        return TrainSettings.fromMap(m, TrainSettings.paper());
    }

    /** 8-bit blobs; {@code gain} and {@code offset} change the contrast without changing the order of grey levels. */
    static EyeDataset images(int n, long seed, double gain, double offset) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] px = new float[n][H * W];
        SliceLabel[] labels = new SliceLabel[n];
        for (int i = 0; i < n; i++) {
            double cx = 6 + 12 * r.nextDouble(), cy = 6 + 12 * r.nextDouble();
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++) {
                    double v = 120 - 90 * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 20) + 0.5 * x;
                    px[i][y * W + x] = (float) Math.max(0, Math.min(255, Math.round(offset + gain * Math.round(v))));
                }
            labels[i] = new SliceLabel(String.format("%05d", i), null);
        }
        return new EyeDataset(W, H, 8, px, labels);
    }

    @Test
    void resumingEqualsAnUninterruptedRun(@TempDir Path dir) throws IOException {
        TrainSettings s = settings(2, 2, 4);
        EyeDataset syn = images(12, 1, 1, 0), realBig = images(12, 2, 1.5, -30);
        long half = s.totalSteps() / 2 + 1;
        ParamSet straightR, straightD;
        try (Trainer t = new Trainer(s, ImagePool.of(syn), ImagePool.of(realBig), TinyRuns.ENGINE)) {
            while (!t.done()) t.step(quiet);
            straightR = t.refinerParams();
            straightD = t.discriminatorParams();
        }
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        try (Trainer t = new Trainer(s, ImagePool.of(syn), ImagePool.of(realBig), TinyRuns.ENGINE)) {
            while (t.step() < half) t.step(quiet);
            Checkpoint.save(t.state(), file);
        }
        Trainer.State saved = Checkpoint.load(file);
        assertEquals(s, saved.settings(), "every setting, the new ones too, is saved and read back");
        try (Trainer t = new Trainer(saved, ImagePool.of(syn), ImagePool.of(realBig), TinyRuns.ENGINE)) {
            while (!t.done()) t.step(quiet);
            TrainerTest.assertClose(straightR, t.refinerParams());
            TrainerTest.assertClose(straightD, t.discriminatorParams());
        }
    }

    @Test
    void theExportedRefinerEqualisesItsInputItself(@TempDir Path dir) throws IOException {
        TrainSettings s = settings(2, 1, 1);
        EyeDataset syn = images(8, 4, 1, 0);
        assertEquals(TrainingRun.Outcome.COMPLETED, TrainingRun.start(s, syn, images(8, 5, 1.2, -10), dir, TinyRuns.ENGINE, quiet));
        EyeDataset test = images(6, 9, 1, 0), contrasted = images(6, 9, 1.6, -40);
        assertFalse(java.util.Arrays.equals(test.pixels(0), contrasted.pixels(0)));
        try (RefinerModel m = new RefinerModel(dir.resolve(TrainingRun.REFINER_FILE), TinyRuns.ENGINE)) {
            assertEquals("equalize", m.preprocessing());
            EyeDataset a = m.refine(test, 4, Listener.NONE), b = m.refine(contrasted, 4, Listener.NONE);
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.pixels(i), b.pixels(i), "image " + i + ": a contrast change that keeps the order of grey levels is equalised away");
            }
            EyeDataset prepared = m.prepared(test, TinyRuns.ENGINE);
            int[] levels = new int[256];
            for (float v : prepared.pixels(0)) levels[(int) v]++;
            int firstHalf = 0, cumulative = prepared.pixels(0).length;
            for (int v = 0; v < 128; v++) firstHalf += levels[v];
            assertTrue(Math.abs(firstHalf / (double) cumulative - 0.5) < 0.1, "the prepared image is equalised: " + firstHalf + " of " + cumulative + " below 128");
        }
    }

    @Test
    void badRecipeSettingsAreRefusedWithTheirNames() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainSettings.fromMap(Map.of("loss", "hinge"), TrainSettings.paper()))
                .getMessage().contains("unknown adversarial loss 'hinge'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainSettings.fromMap(Map.of("refiner-padding", "valid"), TrainSettings.paper()))
                .getMessage().contains("the refiner pads with zero or reflect"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainSettings.fromMap(Map.of("preprocess", "clahe"), TrainSettings.paper()))
                .getMessage().contains("preprocess must be none or equalize"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TrainSettings.fromMap(Map.of("disc-padding", "valid", "height", "20", "width", "20"), TrainSettings.paper()))
                .getMessage().contains("at least 23x23"));
    }
}
