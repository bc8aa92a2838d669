package org.simgan.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.simgan.data.EyeDataset;
import org.simgan.data.Normalization;
import org.simgan.io.AtomicFile;
import org.simgan.io.Montage;
import org.simgan.io.OutputFiles;
import org.simgan.nn.ModelExport;
import org.simgan.nn.SelfRegularization;
import org.simgan.runtime.Engine;
import org.simgan.runtime.NonFiniteException;

/**
 * A training run with an output folder: starts or resumes a {@link Trainer}, writes checkpoints, a loss log
 * ({@value #LOSS_LOG}), preview montages, and at the end the refiner as a standalone ONNX model
 * ({@value #REFINER_FILE}). Stopping (listener cancel) and a non-finite loss both end the run with the last good
 * checkpoint on disk. The same code serves the command line and the ImageJ plugin.
 * <p>
 * Every check comes before the first write, so a refused start or resume changes nothing: the folder must not hold
 * a run already (start), the images must have the run's size and finite pixels, no run file may be an input, and
 * the folder must be writable. The run records a fingerprint of its images ({@value #DATA_CHECK_FILE}: count,
 * size, bit depth, SHA-256 of the pixels, and each input file's size); a resume on other images is refused. On
 * resume the loss log is cut back to the checkpoint's step, so a run killed after its last checkpoint logs each
 * step once.
 */
public final class TrainingRun {
    public static final String LOSS_LOG = "losses.csv", REFINER_FILE = "refiner.onnx", PREVIEW_DIR = "previews";
    /** What a front end needs to resume the run without being told the data again ({@link Sources#resumeData}). */
    public static final String DATA_FILE = "data.properties";
    /** The fingerprint of the images the run trains on. */
    public static final String DATA_CHECK_FILE = "data-fingerprint.properties";
    static final String LOG_HEADER = "step,phase,refiner_loss,adversarial,regularization,disc_loss,disc_acc_real,disc_acc_refined,images_per_s";

    /** How a run ended. */
    public enum Outcome { COMPLETED, STOPPED }

    /**
     * Where the images came from: the synthetic and real files (null when not read from a file, for example an open
     * ImageJ image), other input files (a label CSV), and name=value pairs a front end wants kept in
     * {@value #DATA_FILE} (written only once every check has passed; nothing when empty).
     */
    public record Sources(Path synthetic, Path real, List<Path> otherInputs, Map<String, String> resumeData) {
        public static final Sources NONE = new Sources(null, null, List.of(), Map.of());

        public Sources {
            otherInputs = otherInputs == null ? List.of() : List.copyOf(otherInputs);
            resumeData = resumeData == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(resumeData));
        }

        /** Every input file named, for the checks that no output is one of them. */
        public Path[] inputs() {
            List<Path> all = new ArrayList<>();
            if (synthetic != null) all.add(synthetic);
            if (real != null) all.add(real);
            all.addAll(otherInputs);
            return all.toArray(new Path[0]);
        }
    }

    private TrainingRun() {
    }

    static void checkSize(String what, EyeDataset ds, TrainSettings s) {
        if (ds.size() == 0) throw new IllegalArgumentException("no " + what + " images to train on: the " + what + " data holds none");
        if (ds.width() != s.width() || ds.height() != s.height()) {
            throw new IllegalArgumentException("the " + what + " images are " + ds.width() + "x" + ds.height() + " but the run trains on "
                    + s.width() + "x" + s.height() + " images: resize them first (--resize on the command line, Image > Adjust > Size in ImageJ) or train at their size (the width and height settings)");
        }
    }

    /** The files of a run folder that a run writes (the previews folder aside). */
    static List<String> runFiles() {
        return List.of(Checkpoint.FILE_NAME, REFINER_FILE, LOSS_LOG, DATA_FILE, DATA_CHECK_FILE);
    }

    /**
     * The checks on the output folder before a new run, without reading any data: {@code out} holds no run yet, is a
     * folder that can be written (or can be created), and neither it nor a file the run writes is one of
     * {@code inputs}. Changes nothing.
     */
    public static void checkNewRunFolder(Path out, Path... inputs) throws IOException {
        if (Files.exists(out.resolve(Checkpoint.FILE_NAME))) {
            throw new IllegalArgumentException(out + " already holds a training run: resume it, or choose another output folder");
        }
        checkRunFolder(out, inputs);
    }

    /** The output-folder checks both a start and a resume make. */
    public static void checkRunFolder(Path out, Path... inputs) throws IOException {
        OutputFiles.requireNotAnInput(out, "the run folder", inputs);
        for (String f : runFiles()) OutputFiles.requireNotAnInput(out.resolve(f), "a file of the run folder", inputs);
        OutputFiles.requireWritableFolder(out);
    }

    /** Starts a new run in {@code out} (which must not hold a checkpoint already). */
    public static Outcome start(TrainSettings s, EyeDataset synthetic, EyeDataset real, Path out, Engine engine, TrainingListener l) throws IOException {
        return start(s, synthetic, real, out, Sources.NONE, engine, l);
    }

    /**
     * Starts a new run in {@code out}. Every check (see the class comment) comes before anything is written; then
     * the folder is created with the data's fingerprint and a fresh loss log.
     */
    public static Outcome start(TrainSettings s, EyeDataset synthetic, EyeDataset real, Path out, Sources sources, Engine engine, TrainingListener l)
            throws IOException {
        checkNewRunFolder(out, sources.inputs());
        checkSize("synthetic", synthetic, s);
        checkSize("real", real, s);
        ImagePool syn = ImagePool.of(synthetic), re = ImagePool.of(real);
        if (synthetic.bitDepth() != real.bitDepth()) {
            l.log("note: synthetic images are " + synthetic.bitDepth() + "-bit and real ones " + real.bitDepth()
                    + "-bit; each is scaled to [-1, 1] by its own bit depth");
        }
        Files.createDirectories(out);
        removeStaleTemporaries(out);
        writeRecords(out, synthetic, real, sources);
        AtomicFile.write(out.resolve(LOSS_LOG), (LOG_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        try (Trainer t = new Trainer(s, syn, re, engine)) {
            return loop(t, synthetic.bitDepth(), out, engine, l);
        }
    }

    /** Continues the run saved in {@code out}, with the same settings. */
    public static Outcome resume(EyeDataset synthetic, EyeDataset real, Path out, Engine engine, TrainingListener l) throws IOException {
        return resume(synthetic, real, out, Sources.NONE, engine, l);
    }

    /**
     * Continues the run saved in {@code out}, with the same settings, on the same images: images whose fingerprint
     * differs from the one the run recorded are refused before anything is written. The loss log is cut back to
     * the checkpoint's step.
     */
    public static Outcome resume(EyeDataset synthetic, EyeDataset real, Path out, Sources sources, Engine engine, TrainingListener l) throws IOException {
        return resume(synthetic, real, out, sources, null, engine, l);
    }

    /**
     * {@link #resume(EyeDataset, EyeDataset, Path, Sources, Engine, TrainingListener)} for a front end that also
     * shows settings (a dialog): a resumed run keeps its own settings, so those of {@code given} that differ are
     * listed in a note, not used silently.
     */
    public static Outcome resume(EyeDataset synthetic, EyeDataset real, Path out, Sources sources, TrainSettings given, Engine engine,
                                 TrainingListener l) throws IOException {
        Trainer.State state = Checkpoint.load(out.resolve(Checkpoint.FILE_NAME));
        if (given != null) {
            List<String> differ = new ArrayList<>();
            Map<String, String> run = state.settings().toMap();
            given.toMap().forEach((k, v) -> {
                if (!v.equals(run.get(k))) differ.add(k + " " + v + " (the run's: " + run.get(k) + ")");
            });
            if (!differ.isEmpty()) {
                l.log("note: a resumed run keeps the settings it started with; these given settings differ and are not used: "
                        + String.join(", ", differ) + ". To train with them, start a new run in another folder");
            }
        }
        checkRunFolder(out, sources.inputs());
        checkSize("synthetic", synthetic, state.settings());
        checkSize("real", real, state.settings());
        boolean recorded = checkFingerprints(out, synthetic, real);
        ImagePool syn = ImagePool.of(synthetic), re = ImagePool.of(real);
        removeStaleTemporaries(out);
        if (!recorded || !sources.resumeData().isEmpty()) {
            if (!recorded) l.log("note: " + out + " holds no fingerprint of its data (an earlier version made it); recording the images given now");
            writeRecords(out, synthetic, real, sources);
        }
        cutLossLog(out.resolve(LOSS_LOG), state.step());
        try (Trainer t = new Trainer(state, syn, re, engine)) {
            l.log("resuming at step " + state.step() + " of " + state.settings().totalSteps());
            return loop(t, synthetic.bitDepth(), out, engine, l);
        }
    }

    private static void removeStaleTemporaries(Path out) throws IOException {
        for (String f : runFiles()) AtomicFile.removeStaleTemporaries(out.resolve(f));
    }

    /** Writes {@value #DATA_CHECK_FILE} and, when the front end gave any, {@value #DATA_FILE}. */
    private static void writeRecords(Path out, EyeDataset synthetic, EyeDataset real, Sources sources) throws IOException {
        Properties p = new Properties();
        fingerprint("synthetic", synthetic, sources.synthetic()).forEach(p::setProperty);
        fingerprint("real", real, sources.real()).forEach(p::setProperty);
        AtomicFile.write(out.resolve(DATA_CHECK_FILE), store(p, "the images this run trains on; a resume on other images is refused"));
        if (!sources.resumeData().isEmpty()) {
            Properties d = new Properties();
            sources.resumeData().forEach(d::setProperty);
            AtomicFile.write(out.resolve(DATA_FILE), store(d, "the data of this training run, for train --resume"));
        }
    }

    private static byte[] store(Properties p, String comment) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        p.store(w, comment);
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The recorded description of one image set: count, size, bit depth, pixel checksum; the file's size when known. */
    static Map<String, String> fingerprint(String which, EyeDataset ds, Path file) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(which + ".images", Integer.toString(ds.size()));
        m.put(which + ".size", ds.width() + "x" + ds.height());
        m.put(which + ".bit_depth", Integer.toString(ds.bitDepth()));
        m.put(which + ".pixels_sha256", pixelChecksum(ds));
        if (file != null && Files.isRegularFile(file)) {
            m.put(which + ".file", file.toAbsolutePath().normalize().toString());
            try {
                m.put(which + ".file_bytes", Long.toString(Files.size(file)));
            } catch (IOException e) {
                // the size is for people; the checksum decides
            }
        }
        return m;
    }

    /** SHA-256 of the pixel values (as float bits, image after image): equal for the same images from any file. */
    static String pixelChecksum(EyeDataset ds) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer b = ByteBuffer.allocate(ds.width() * ds.height() * 4);
        for (int i = 0; i < ds.size(); i++) {
            b.clear();
            b.asFloatBuffer().put(ds.pixels(i));
            md.update(b.array());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Compares the images with the fingerprint recorded in {@code out}.
     *
     * @return false when the run recorded none (made by an earlier version)
     * @throws IllegalArgumentException when they differ, saying how
     */
    private static boolean checkFingerprints(Path out, EyeDataset synthetic, EyeDataset real) throws IOException {
        Path f = out.resolve(DATA_CHECK_FILE);
        if (!Files.exists(f)) return false;
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        List<String> problems = new ArrayList<>();
        Map<String, EyeDataset> sets = new LinkedHashMap<>();
        sets.put("synthetic", synthetic);
        sets.put("real", real);
        for (Map.Entry<String, EyeDataset> e : sets.entrySet()) {
            String w = e.getKey();
            Map<String, String> now = fingerprint(w, e.getValue(), null);
            boolean same = true;
            for (String k : List.of(".images", ".size", ".bit_depth", ".pixels_sha256")) same &= now.get(w + k).equals(p.getProperty(w + k));
            if (!same) {
                String file = p.getProperty(w + ".file");
                problems.add("the " + w + " images differ from those the run started with (then: " + describe(p::getProperty, w)
                        + (file == null ? "" : ", from " + file + (p.getProperty(w + ".file_bytes") == null ? "" : " of " + p.getProperty(w + ".file_bytes") + " bytes"))
                        + "; now: " + describe(now::get, w) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot resume the run in " + out + ": " + String.join("; ", problems)
                    + ". A resumed run must train on the same images; give the original data, or start a new run in another folder");
        }
        return true;
    }

    private static String describe(java.util.function.UnaryOperator<String> get, String w) {
        String sum = get.apply(w + ".pixels_sha256");
        return get.apply(w + ".images") + " images of " + get.apply(w + ".size") + ", " + get.apply(w + ".bit_depth") + "-bit, pixel checksum "
                + (sum == null ? "?" : sum.substring(0, Math.min(12, sum.length())));
    }

    /**
     * Keeps the header and one line per step up to {@code step} (the checkpoint's): lines a killed process wrote
     * after its last checkpoint would otherwise appear twice once the resumed run logs those steps again.
     */
    static void cutLossLog(Path log, long step) throws IOException {
        TreeMap<Long, String> lines = new TreeMap<>();
        if (Files.exists(log)) {
            String text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
            String[] all = text.split("\n", -1);
            // the last piece has no line end: a line cut short by the kill, or empty
            for (int i = 0; i < all.length - 1; i++) {
                String line = all[i];
                int comma = line.indexOf(',');
                if (comma <= 0) continue;
                try {
                    long s = Long.parseLong(line.substring(0, comma));
                    if (s >= 1 && s <= step) lines.put(s, line);
                } catch (NumberFormatException e) {
                    // the header, or a damaged line
                }
            }
        }
        StringBuilder b = new StringBuilder(LOG_HEADER).append('\n');
        for (String line : lines.values()) b.append(line).append('\n');
        AtomicFile.write(log, b.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Outcome loop(Trainer t, int bitDepth, Path out, Engine engine, TrainingListener l) throws IOException {
        TrainSettings s = t.settings();
        l.log("training on " + engine.describe() + ": " + s.totalSteps() + " steps, batch " + s.batch() + ", " + s.makeOptimizer().describe()
                + ", lambda " + s.lambda() + (s.selfRegularization() == SelfRegularization.L1 && s.regularizationBlur() == 0 ? ""
                        : " (" + s.regularization() + (s.regularizationBlur() > 0 ? " after a " + s.regularizationBlur() + " px blur" : "") + ")"));
        Path log = out.resolve(LOSS_LOG);
        TrainingListener withFiles = new ForwardingListener(l) {
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
                    String kept = lastCheckpointStep(out);
                    throw new org.simgan.runtime.EngineException("training stopped at step " + (t.step() + 1) + ": " + e.getMessage() + ". "
                            + (kept == null ? "No checkpoint had been saved yet, so there is nothing to resume: start the run again (a lower "
                            + "learning rate often helps; checkpoints come every " + s.checkpointEvery() + " steps, 0 = only at the end)"
                            : "The last good checkpoint in " + out + " is kept (step " + kept + "); resume from it, or start again with a lower learning rate"), e);
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

    /** The step of the checkpoint in {@code out}, or null when there is none. */
    private static String lastCheckpointStep(Path out) {
        if (!Files.exists(out.resolve(Checkpoint.FILE_NAME))) return null;
        try {
            return Long.toString(Checkpoint.load(out.resolve(Checkpoint.FILE_NAME)).step());
        } catch (IOException e) {
            return null;
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
}
