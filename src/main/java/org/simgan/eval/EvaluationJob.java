package org.simgan.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.progress.Listener;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Engine;

/**
 * One evaluation as the command line's {@code evaluate} and ImageJ's Evaluate Refinement both run it: the settings
 * from named options (the same names in both: {@code --c2st-steps 300} there, {@code c2st-steps=300} here), then
 * {@link Evaluation#run}, then {@link ReportWriter#write} into the report folder.
 */
public final class EvaluationJob {
    private EvaluationJob() {
    }

    /** One setting: its name, the placeholder of its value, its default and what it sets. */
    public record Option(String name, String value, String defaultValue, String help) {
    }

    /** The evaluation settings a user can set, with their defaults ({@link Evaluation.Settings#defaults()}). */
    public static List<Option> options() {
        C2st.Settings c = C2st.Settings.defaults();
        GazeTraining.Settings g = GazeTraining.Settings.defaults();
        Evaluation.Settings e = Evaluation.Settings.defaults();
        return List.of(
                new Option("max-images", "N", Integer.toString(e.maxImages()), "at most N images of each set, a seeded random subset; 0 = all"),
                new Option("c2st-runs", "N", Integer.toString(c.seeds()), "classifier runs (seeds) of the two-sample test"),
                new Option("c2st-steps", "N", Integer.toString(c.steps()), "training steps per run"),
                new Option("c2st-held-out", "F", Double.toString(c.heldOut()), "share of each set held out"),
                new Option("gaze-steps", "N", Integer.toString(g.steps()), "gaze estimator training steps"),
                new Option("gaze-scale", "N", Integer.toString(g.scale()), "divide the gaze estimator's widths by N (1 = paper)"),
                new Option("gaze-held-out", "F", Double.toString(e.gazeHeldOut()), "share of the synthetic images held out for the gaze test"),
                new Option("seed", "S", Long.toString(e.seed()), "seed of every draw and initialisation"));
    }

    /**
     * The settings from option values by name ({@link #options()}); names left out take their defaults.
     *
     * @throws IllegalArgumentException for an unknown name, a value that is not a number, or a value out of range
     */
    public static Evaluation.Settings settings(Map<String, String> values) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Option o : options()) v.put(o.name(), o.defaultValue());
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!v.containsKey(e.getKey())) throw new IllegalArgumentException("unknown evaluation setting '" + e.getKey() + "'");
            v.put(e.getKey(), e.getValue().trim());
        }
        C2st.Settings c = C2st.Settings.defaults();
        GazeTraining.Settings g = GazeTraining.Settings.defaults();
        Evaluation.Settings d = Evaluation.Settings.defaults();
        long seed = whole(v, "seed");
        c = new C2st.Settings((int) whole(v, "c2st-runs"), seed, (int) whole(v, "c2st-steps"), c.batch(), c.lr(), number(v, "c2st-held-out"),
                c.maxPerSet(), c.bootstrap());
        g = new GazeTraining.Settings((int) whole(v, "gaze-scale"), (int) whole(v, "gaze-steps"), g.batch(), g.lr(), seed);
        return new Evaluation.Settings(c, g, number(v, "gaze-held-out"), (int) whole(v, "max-images"), d.refineBatch(), seed);
    }

    private static long whole(Map<String, String> v, String name) {
        try {
            long n = Long.parseLong(v.get(name));
            if (!name.equals("seed") && Math.abs(n) > Integer.MAX_VALUE) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number, got '" + v.get(name) + "'");
        }
    }

    private static double number(Map<String, String> v, String name) {
        try {
            return Double.parseDouble(v.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a number, got '" + v.get(name) + "'");
        }
    }

    /**
     * A written report: the result, the inputs it names (where the images came from, the engine) and its folder.
     */
    public record Report(Evaluation.Result result, Map<String, String> inputs, Path folder) {
        /** The report's {@code section, metric, value} rows, exactly as in {@value ReportWriter#SUMMARY_CSV}. */
        public List<String[]> rows() {
            return ReportWriter.rows(result, inputs);
        }

        /** The headline figures, one line each: realism of synthetic and refined, label preservation, pixel change. */
        public List<String> summaryLines() {
            List<String> lines = new ArrayList<>();
            for (C2st.Result c : result.c2stRows()) lines.add(c.describe());
            if (result.labels() != null) lines.add(result.labels().describe());
            if (result.transfer() != null) lines.add(result.transfer().describe());
            lines.add(String.format(Locale.ROOT, "mean |R(x) - x| %.3f grey levels; report in %s", result.meanAbsChange(), folder));
            return lines;
        }
    }

    /** Loads the refiner from {@code refinerFile} and runs {@link #run(RefinerModel, EyeDataset, EyeDataset, EyeDataset, Evaluation.Settings, Map, Engine, Path, Listener)} without a target. */
    public static Report run(Path refinerFile, EyeDataset synthetic, EyeDataset real, Evaluation.Settings s, Map<String, String> inputs,
                             Engine engine, Path folder, Listener listener) throws IOException {
        ReportWriter.check(folder);
        try (RefinerModel refiner = new RefinerModel(refinerFile, engine)) {
            return run(refiner, synthetic, real, null, s, inputs, engine, folder, listener);
        }
    }

    /**
     * Evaluates {@code refiner} (not closed here) and writes the report into {@code folder}. {@code inputs} (name:
     * where from, for example {@code synthetic: /data/syn.h5}) go into the report, followed by the engine.
     */
    public static Report run(RefinerModel refiner, EyeDataset synthetic, EyeDataset real, EyeDataset target, Evaluation.Settings s,
                             Map<String, String> inputs, Engine engine, Path folder, Listener listener) throws IOException {
        ReportWriter.check(folder);
        Evaluation.Result r = Evaluation.run(refiner, synthetic, real, target, s, engine, listener);
        Map<String, String> in = new LinkedHashMap<>(inputs);
        in.put("engine", engine.describe());
        ReportWriter.write(r, in, folder);
        return new Report(r, java.util.Collections.unmodifiableMap(in), folder);
    }
}
