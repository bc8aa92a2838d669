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
import org.simgan.settings.SettingsSchema;

/**
 * One evaluation as the command line's {@code evaluate} and ImageJ's Evaluate Refinement both run it: the settings
 * from named options ({@link #OPTIONS}, rendered from {@link Evaluation.Settings#SCHEMA}: the same names in both,
 * {@code --c2st-steps 300} there, {@code c2st-steps=300} here), then {@link Evaluation#run}, then {@link
 * ReportWriter#write} into the report folder.
 */
public final class EvaluationJob {
    private EvaluationJob() {
    }

    /**
     * The settings a user sets, by their names in {@link Evaluation.Settings#SCHEMA}, in the order the front ends show
     * them; the others keep their {@linkplain Evaluation.Settings#defaults() defaults}. {@code seed} seeds every draw
     * and initialisation: it is also the two-sample test's and the gaze estimator's seed.
     */
    public static final List<String> OPTIONS = List.of("max-images", "c2st-runs", "c2st-steps", "c2st-held-out", "gaze-steps", "gaze-scale",
            "gaze-held-out", "seed");

    /** The settings of {@link #OPTIONS}, in that order. */
    public static List<SettingsSchema.Setting> options() {
        return OPTIONS.stream().map(Evaluation.Settings.SCHEMA::setting).toList();
    }

    /** The default value of every option, by name. */
    public static Map<String, String> defaults() {
        Map<String, String> all = Evaluation.Settings.SCHEMA.byName(Evaluation.Settings.defaults()), out = new LinkedHashMap<>();
        for (String n : OPTIONS) out.put(n, all.get(n));
        return out;
    }

    /** One usage line per option ({@link SettingsSchema#usage}). */
    public static String usage() {
        return Evaluation.Settings.SCHEMA.usage(Evaluation.Settings.defaults(), OPTIONS);
    }

    /**
     * The settings from option values by name ({@link #OPTIONS}); names left out take their defaults.
     *
     * @throws IllegalArgumentException for an unknown name, a value that is not a number, or a value out of range
     */
    public static Evaluation.Settings settings(Map<String, String> values) {
        for (String k : values.keySet()) {
            if (!OPTIONS.contains(k)) throw new IllegalArgumentException("unknown evaluation setting '" + k + "'; the settings are " + String.join(", ", OPTIONS));
        }
        Map<String, String> v = new LinkedHashMap<>(values);
        if (values.containsKey("seed")) {
            v.put("c2st-seed", values.get("seed"));
            v.put("gaze-seed", values.get("seed"));
        }
        return Evaluation.Settings.SCHEMA.fromMap(v, Evaluation.Settings.defaults());
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
