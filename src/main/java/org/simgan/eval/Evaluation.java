package org.simgan.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.progress.Listener;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Engine;
import org.simgan.settings.SettingsSchema;

/**
 * The whole evaluation of a refiner, the same way every time: realism (C2ST of synthetic vs real and refined vs
 * real on the same real images), label preservation (gaze error on held-out synthetic vs their refined versions)
 * and the mean pixel change. {@link ReportWriter} turns the result into files; the ImageJ plugin can show the
 * same result in its own tables.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * Everything an evaluation is run with, described once by {@link #SCHEMA} (the settings of the test and of the gaze
     * estimator as its groups {@code c2st} and {@code gaze}).
     *
     * @param gazeHeldOut share of the synthetic images held out to test the gaze estimator
     * @param maxImages   at most this many images of each set are used (a seeded random subset); 0 for all
     * @param seed        seeds the subsets and the real images' halves
     */
    public record Settings(C2st.Settings c2st, GazeTraining.Settings gaze, double gazeHeldOut, int maxImages, int refineBatch, long seed) {
        public Settings {
            if (maxImages < 0) throw new IllegalArgumentException("max images must be 0 (all) or more, got " + maxImages);
            if (refineBatch < 1) throw new IllegalArgumentException("the refine batch must be at least 1, got " + refineBatch);
            if (!(gazeHeldOut > 0 && gazeHeldOut < 1)) throw new IllegalArgumentException("the gaze held-out share must be between 0 and 1, got " + gazeHeldOut);
        }

        /**
         * The one description of every setting, in the record's order: {@code c2st-runs} ... {@code c2st-bootstrap},
         * {@code gaze-scale} ... {@code gaze-seed}, then the evaluation's own; keys in a report {@code c2st.runs} and so on.
         */
        public static final SettingsSchema<Settings> SCHEMA = SettingsSchema.of(Settings.class)
                .group("c2st", C2st.Settings.SCHEMA)
                .group("gaze", GazeTraining.Settings.SCHEMA)
                .number("gaze-held-out", "share of the synthetic images held out for the gaze test")
                .integer("max-images", "at most N images of each set, a seeded random subset; 0 = all")
                .integer("refine-batch", "synthetic images refined per run")
                .longInteger("seed", "seed of every draw and initialisation")
                .build();

        /** {@link C2st.Settings#defaults()}, {@link GazeTraining.Settings#defaults()}, 20% held out for gaze, at most 2000 images per set. */
        public static Settings defaults() {
            return new Settings(C2st.Settings.defaults(), GazeTraining.Settings.defaults(), 0.2, 2000, 64, 1);
        }

        /** The settings by their keys ({@link #SCHEMA}), as a report lists them. */
        public Map<String, String> toMap() {
            return SCHEMA.toMap(this);
        }
    }

    /**
     * Everything measured. {@code labels} is null when the synthetic images have no gaze labels. {@code pupilShift} is
     * the mean distance (pixels) between the pupil centres {@link PupilCentre} finds in the prepared and refined
     * images. The real images are split in two halves by the seed: every C2ST row is against the same reference half,
     * and {@code calibration} tests the other half against it (near 50% when the test is sound). {@code prepared} are
     * the synthetic images as the refiner's convolutions receive them (equalised, for a refiner that equalises its
     * input; else the synthetic images themselves), and {@code preparedVsReal} is null when they are the same;
     * label cost, pixel change and pupil shift compare refined images with the prepared ones, so they measure what
     * the network changed, not its fixed preprocessing. {@code synthetic}, {@code refined} and {@code real} are the
     * images used (after the subset; {@code real} is the reference half). {@code transfer} is null unless a labelled
     * target was given ({@link GazeTransfer}). {@code collections} says which collections the real images come from,
     * when they name them, and {@code otherCollections} is the test of the calibration half's images
     * from other collections than the real set's largest one ({@link OtherCollections}) against the same reference:
     * how often this test tells real eyes of other people and sessions from the reference; null unless the real
     * images name their collections ({@link org.simgan.data.SliceLabel#source()}) and enough of them are of others.
     */
    public record Result(Settings settings, String refinerDescription, EyeDataset synthetic, EyeDataset prepared, EyeDataset refined, EyeDataset real,
                         C2st.Result calibration, OtherCollections collections, C2st.Result otherCollections, C2st.Result syntheticVsReal, C2st.Result preparedVsReal, C2st.Result refinedVsReal,
                         LabelPreservation.Result labels, GazeTransfer.Result transfer, double meanAbsChange, double pupilShift,
                         Map<String, Double> seconds) {

        /** The C2ST AUC of refined vs real minus that of synthetic vs real: below 0 means refined images are harder to tell from real. */
        public double aucChange() {
            return refinedVsReal.auc() - syntheticVsReal.auc();
        }

        /** The C2ST rows in report order: calibration, other collections (when tested), synthetic, prepared (when it differs), refined. */
        public List<C2st.Result> c2stRows() {
            List<C2st.Result> rows = new ArrayList<>(List.of(calibration));
            if (otherCollections != null) rows.add(otherCollections);
            rows.add(syntheticVsReal);
            if (preparedVsReal != null) rows.add(preparedVsReal);
            rows.add(refinedVsReal);
            return rows;
        }
    }

    /** Loads the refiner, refines the synthetic images and evaluates. */
    public static Result run(Path refinerFile, EyeDataset synthetic, EyeDataset real, Settings s, Engine engine, Listener listener) throws IOException {
        try (RefinerModel refiner = new RefinerModel(refinerFile, engine)) {
            return run(refiner, synthetic, real, null, s, engine, listener);
        }
    }

    /**
     * Refines the synthetic images with {@code refiner} and evaluates; with a labelled {@code target} (null for none)
     * also the gaze transfer to it ({@link GazeTransfer}).
     */
    public static Result run(RefinerModel refiner, EyeDataset synthetic, EyeDataset real, EyeDataset target, Settings s, Engine engine,
                             Listener listener) {
        long t0 = System.nanoTime();
        EyeDataset syn = subset(synthetic, s.maxImages(), s.seed());
        listener.log("refining " + syn.size() + " synthetic images with " + refiner.file());
        EyeDataset refined = refiner.refine(syn, s.refineBatch(), Listener.NONE);
        EyeDataset prepared = refiner.prepared(syn, engine);
        if (prepared != syn) listener.log("the refiner " + refiner.preprocessing() + "s its input first: label cost and pixel change are measured from the "
                + refiner.preprocessing() + "d images");
        double refineSeconds = (System.nanoTime() - t0) / 1e9;
        String desc = refiner.file() + describeMetadata(refiner.metadata());
        EyeDataset tgt = target == null ? null : subset(target, s.maxImages(), s.seed() + 2);
        Result r = evaluate(syn, prepared, refined, subset(real, s.maxImages(), s.seed() + 1), tgt, desc, s, engine, listener);
        r.seconds().put("refine", refineSeconds);
        r.seconds().put("total", (System.nanoTime() - t0) / 1e9);
        return r;
    }

    /**
     * Evaluates already refined images: {@code refined} must be {@code synthetic} refined image for image, and
     * {@code prepared} the synthetic images as the refiner receives them ({@code synthetic} itself when it does not
     * preprocess). No subset is taken here.
     */
    public static Result evaluate(EyeDataset synthetic, EyeDataset prepared, EyeDataset refined, EyeDataset real, EyeDataset target,
                                  String refinerDescription, Settings s, Engine engine, Listener listener) {
        if (target != null) GazeTransfer.checkInputs(synthetic, target);
        Images.checkSameSize(synthetic, "synthetic", real, "real");
        Images.checkSameSize(synthetic, "synthetic", refined, "refined");
        if (refined.size() != synthetic.size() || prepared.size() != synthetic.size()) throw new IllegalArgumentException("synthetic and refined images must pair up");
        if (real.size() < 8) throw new IllegalArgumentException("the evaluation needs at least 8 real images (half of them calibrate the test), got " + real.size());
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();
        EyeDataset[] halves = halves(real, s.seed());
        EyeDataset reference = halves[0];
        C2st.Result calibration = C2st.run("real (held out)", halves[1], reference, s.c2st(), engine, listener);
        listener.log(calibration.describe());
        C2st.Result others = null;
        OtherCollections oc = OtherCollections.of(real, halves[1]);
        listener.log(oc.describe());
        if (oc.tested()) {
            others = C2st.run(OtherCollections.ROW, oc.images(), reference, s.c2st(), engine, listener);
            listener.log(others.describe());
        }
        C2st.Result a = C2st.run("synthetic", synthetic, reference, s.c2st(), engine, listener);
        listener.log(a.describe());
        C2st.Result p = null;
        if (prepared != synthetic) {
            p = C2st.run("prepared", prepared, reference, s.c2st(), engine, listener);
            listener.log(p.describe());
        }
        C2st.Result b = C2st.run("refined", refined, reference, s.c2st(), engine, listener);
        listener.log(b.describe());
        seconds.put("c2st", (System.nanoTime() - t) / 1e9);
        LabelPreservation.Result labels = null;
        t = System.nanoTime();
        if (prepared.allLabelled() && prepared.size() >= 2) {
            labels = LabelPreservation.run(prepared, refined, s.gaze(), s.gazeHeldOut(), engine, listener);
        } else {
            listener.log("label preservation skipped: not every synthetic image has a gaze label");
        }
        seconds.put("gaze", (System.nanoTime() - t) / 1e9);
        GazeTransfer.Result transfer = null;
        if (target != null) {
            t = System.nanoTime();
            transfer = GazeTransfer.run(synthetic, prepared, refined, target, s.gaze(), engine, listener);
            seconds.put("transfer", (System.nanoTime() - t) / 1e9);
        }
        double change = LabelPreservation.meanAbsoluteChange(prepared, refined);
        double pupil = PupilCentre.meanShift(prepared, refined);
        listener.log(String.format(Locale.ROOT, "mean |R(x) - x| = %.3f grey levels; mean pupil centre shift %.3f px", change, pupil));
        return new Result(s, refinerDescription, synthetic, prepared, refined, reference, calibration, oc, others, a, p, b, labels, transfer, change, pupil, seconds);
    }

    /**
     * The calibration half's real images that are not of the real set's largest collection, when the real images name
     * their collections: a second reference row, real eyes of other people and sessions. {@code images} is null (no
     * row) when the real images do not all name a collection, name only one, or fewer than {@link #MIN_IMAGES} of the
     * calibration half are of others; {@code reason} then says which.
     *
     * @param main     the largest collection (null when none is named)
     * @param mainShare its share of the real images
     */
    public record OtherCollections(EyeDataset images, String main, double mainShare, List<String> others, String reason) {
        public static final String ROW = "real (other collections)";
        public static final int MIN_IMAGES = 20;

        /** Whether there are images of other collections to test. */
        public boolean tested() {
            return images != null;
        }

        static OtherCollections of(EyeDataset real, EyeDataset calibrationHalf) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (int i = 0; i < real.size(); i++) {
                String source = real.label(i).source();
                if (source == null) {
                    return new OtherCollections(null, null, 0, List.of(), "the real images do not all name their collection (a 'source' dataset in HDF5, "
                            + "a 'source=' line in a slice label)");
                }
                counts.merge(source, 1, Integer::sum);
            }
            String main = counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
            double share = main == null ? 0 : counts.get(main) / (double) real.size();
            List<String> others = counts.keySet().stream().filter(k -> !k.equals(main)).sorted().toList();
            if (others.isEmpty()) return new OtherCollections(null, main, share, others, "every real image is of one collection (" + main + ")");
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < calibrationHalf.size(); i++) if (!main.equals(calibrationHalf.label(i).source())) idx.add(i);
            if (idx.size() < MIN_IMAGES) {
                return new OtherCollections(null, main, share, others, "only " + idx.size() + " held-out real images are of other collections than "
                        + main + " (at least " + MIN_IMAGES + " are needed)");
            }
            EyeDataset images = calibrationHalf.pick(idx.stream().mapToInt(Integer::intValue).toArray());
            return new OtherCollections(images, main, share, others, null);
        }

        public String describe() {
            if (!tested()) return "no \"" + ROW + "\" row: " + reason;
            return String.format(Locale.ROOT, "the real images name %d collections; %.0f%% are of %s. \"%s\": the %d held-out real images of %s "
                    + "(against the same reference as every row)", others.size() + 1, 100 * mainShare, main, ROW, images.size(), String.join(" and ", others));
        }
    }

    /** The real images in two halves (reference, calibration) by a seeded permutation, each kept in file order. */
    static EyeDataset[] halves(EyeDataset real, long seed) {
        int[] idx = Images.permutation(real.size(), C2st.mix(seed, 23));
        int half = real.size() / 2;
        return new EyeDataset[] {pick(real, Arrays.copyOfRange(idx, 0, half)), pick(real, Arrays.copyOfRange(idx, half, real.size()))};
    }

    private static EyeDataset pick(EyeDataset ds, int[] idx) {
        int[] sorted = idx.clone();
        Arrays.sort(sorted);
        return ds.pick(sorted);
    }

    /** A seeded random subset of at most {@code max} images (0: all), kept in file order. */
    public static EyeDataset subset(EyeDataset ds, int max, long seed) {
        if (max <= 0 || ds.size() <= max) return ds;
        return pick(ds, Arrays.copyOf(Images.permutation(ds.size(), C2st.mix(seed, 17)), max));
    }

    private static String describeMetadata(Map<String, String> meta) {
        if (meta.isEmpty()) return " (no metadata)";
        StringBuilder b = new StringBuilder();
        meta.forEach((k, v) -> {
            if (k.startsWith("simgan.")) b.append(b.length() == 0 ? " (" : "; ").append(k).append('=').append(v);
        });
        return b.length() == 0 ? "" : b.append(')').toString();
    }
}
