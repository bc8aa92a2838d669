package org.simgan.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.data.Normalization;
import org.simgan.io.Montage;
import org.simgan.nn.ModelExport;
import org.simgan.runtime.Engine;
import org.simgan.runtime.NonFiniteException;

/**
 * A training run with an output folder: starts or resumes a {@link Trainer}, writes checkpoints, a loss log
 * ({@value #LOSS_LOG}), preview montages, and at the end the refiner as a standalone ONNX model
 * ({@value #REFINER_FILE}). Stopping (listener cancel) and a non-finite loss both end the run with the last good
 * checkpoint on disk. The same code serves the command line and the ImageJ plugin.
 */
public final class TrainingRun {
    public static final String LOSS_LOG = "losses.csv", REFINER_FILE = "refiner.onnx", PREVIEW_DIR = "previews";

    /** How a run ended. */
    public enum Outcome { COMPLETED, STOPPED }

    private TrainingRun() {
    }

    /** Pixels scaled to [-1, 1] with the dataset's bit-depth normalization. */
    public static float[][] normalized(EyeDataset ds) {
        Normalization n = Normalization.forBitDepth(ds.bitDepth());
        float[][] out = new float[ds.size()][];
        for (int i = 0; i < ds.size(); i++) {
            float[] src = ds.pixels(i);
            float[] dst = new float[src.length];
            for (int j = 0; j < src.length; j++) {
                if (!Float.isFinite(src[j])) {
                    throw new IllegalArgumentException("image " + i + " ('" + ds.label(i).name() + "') has a NaN or infinite pixel at "
                            + (j % ds.width()) + "," + (j / ds.width()) + ": clean the data before training");
                }
                dst[j] = n.toModel(src[j]);
            }
            out[i] = dst;
        }
        return out;
    }

    static void checkSize(String what, EyeDataset ds, TrainSettings s) {
        if (ds.width() != s.width() || ds.height() != s.height()) {
            throw new IllegalArgumentException("the " + what + " images are " + ds.width() + "x" + ds.height() + " but the run trains on "
                    + s.width() + "x" + s.height() + " images: resize them explicitly (for example --resize) or set --width/--height");
        }
    }

    /** Starts a new run in {@code out} (which must not hold a checkpoint already). */
    public static Outcome start(TrainSettings s, EyeDataset synthetic, EyeDataset real, Path out, Engine engine, TrainingListener l) throws IOException {
        if (Files.exists(out.resolve(Checkpoint.FILE_NAME))) {
            throw new IllegalArgumentException(out + " already holds a training run: resume it, or choose another output folder");
        }
        checkSize("synthetic", synthetic, s);
        checkSize("real", real, s);
        if (synthetic.bitDepth() != real.bitDepth()) {
            l.log("note: synthetic images are " + synthetic.bitDepth() + "-bit and real ones " + real.bitDepth()
                    + "-bit; each is scaled to [-1, 1] by its own bit depth");
        }
        Files.createDirectories(out);
        try (Trainer t = new Trainer(s, normalized(synthetic), normalized(real), engine)) {
            return loop(t, synthetic.bitDepth(), out, engine, l);
        }
    }

    /** Continues the run saved in {@code out}, with the same settings. */
    public static Outcome resume(EyeDataset synthetic, EyeDataset real, Path out, Engine engine, TrainingListener l) throws IOException {
        Trainer.State state = Checkpoint.load(out.resolve(Checkpoint.FILE_NAME));
        checkSize("synthetic", synthetic, state.settings());
        checkSize("real", real, state.settings());
        try (Trainer t = new Trainer(state, normalized(synthetic), normalized(real), engine)) {
            l.log("resuming at step " + state.step() + " of " + state.settings().totalSteps());
            return loop(t, synthetic.bitDepth(), out, engine, l);
        }
    }

    private static Outcome loop(Trainer t, int bitDepth, Path out, Engine engine, TrainingListener l) throws IOException {
        TrainSettings s = t.settings();
        l.log("training on " + engine.describe() + ": " + s.totalSteps() + " steps, batch " + s.batch() + ", " + s.makeOptimizer().describe()
                + ", lambda " + s.lambda());
        Path log = out.resolve(LOSS_LOG);
        boolean newLog = !Files.exists(log);
        TrainingListener withFiles = new Forwarding(l) {
            @Override
            public void preview(long step, int count, int height, int width, float[] synthetic, float[] refined) {
                super.preview(step, count, height, width, synthetic, refined);
                try {
                    Files.createDirectories(out.resolve(PREVIEW_DIR));
                    Montage.savePng(Montage.grid(List.of(synthetic, refined), count, height, width, -1, 1, 2),
                            out.resolve(PREVIEW_DIR).resolve(String.format(Locale.ROOT, "step-%07d.png", step)));
                } catch (IOException e) {
                    l.log("could not write the preview image: " + e.getMessage());
                }
            }
        };
        try (BufferedWriter csv = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            if (newLog) csv.write("step,phase,refiner_loss,adversarial,regularization,disc_loss,disc_acc_real,disc_acc_refined,images_per_s\n");
            while (!t.done()) {
                if (l.cancelRequested()) {
                    save(t, bitDepth, out, l);
                    l.log("stopped at step " + t.step() + "; checkpoint saved, resume to continue");
                    return Outcome.STOPPED;
                }
                StepReport r;
                try {
                    r = t.step(withFiles);
                } catch (NonFiniteException e) {
                    csv.flush();
                    throw new org.simgan.runtime.EngineException("training stopped at step " + (t.step() + 1) + ": " + e.getMessage()
                            + ". The last good checkpoint in " + out + " is kept (step " + lastCheckpointStep(out) + ")", e);
                }
                csv.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,%s,%.2f%n", r.step(), r.phase().label, num(r.refinerLoss()), num(r.adversarial()),
                        num(r.regularization()), num(r.discLoss()), num(r.accuracyReal()), num(r.accuracyRefined()), r.imagesPerSecond()));
                if (s.checkpointEvery() > 0 && t.step() % s.checkpointEvery() == 0 && !t.done()) {
                    csv.flush();
                    save(t, bitDepth, out, l);
                }
            }
            csv.flush();
        }
        save(t, bitDepth, out, l);
        l.log("finished: refiner saved to " + out.resolve(REFINER_FILE));
        return Outcome.COMPLETED;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String lastCheckpointStep(Path out) {
        try {
            return Long.toString(Checkpoint.load(out.resolve(Checkpoint.FILE_NAME)).step());
        } catch (IOException e) {
            return "none";
        }
    }

    /** Writes the checkpoint and the refiner model as of now. */
    static void save(Trainer t, int bitDepth, Path out, TrainingListener l) throws IOException {
        Path file = out.resolve(Checkpoint.FILE_NAME);
        Checkpoint.save(t.state(), file);
        ModelExport.save(ModelExport.model(t.refinerNetwork(), t.refinerParams(), refinerMetadata(t, bitDepth)), out.resolve(REFINER_FILE));
        l.checkpoint(t.step(), file);
    }

    /** What an exported refiner says about itself: normalization, training settings and progress. */
    static Map<String, String> refinerMetadata(Trainer t, int bitDepth) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ModelExport.KEY_NORMALIZATION, Normalization.forBitDepth(bitDepth).describe());
        m.put("simgan.bit_depth", Integer.toString(bitDepth));
        m.put("simgan.trained_steps", Long.toString(t.step()));
        t.settings().toMap().forEach((k, v) -> m.put("simgan.train." + k, v));
        return m;
    }

    /** Passes every event on to another listener. */
    private static class Forwarding implements TrainingListener {
        private final TrainingListener to;

        Forwarding(TrainingListener to) {
            this.to = to;
        }

        @Override
        public void log(String line) {
            to.log(line);
        }

        @Override
        public void progress(long done, long total) {
            to.progress(done, total);
        }

        @Override
        public boolean cancelRequested() {
            return to.cancelRequested();
        }

        @Override
        public void step(StepReport report) {
            to.step(report);
        }

        @Override
        public void preview(long step, int count, int height, int width, float[] synthetic, float[] refined) {
            to.preview(step, count, height, width, synthetic, refined);
        }

        @Override
        public void checkpoint(long step, Path file) {
            to.checkpoint(step, file);
        }
    }
}
