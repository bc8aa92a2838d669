package org.simgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;
import org.simgan.data.io.DatasetIo;
import org.simgan.eval.C2st;
import org.simgan.eval.Evaluation;
import org.simgan.eval.EvaluationJob;
import org.simgan.eval.GazeModel;
import org.simgan.eval.GazeTraining;
import org.simgan.nn.ModelExport;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Engine;
import org.simgan.settings.SettingsSchema;
import org.simgan.train.Checkpoint;
import org.simgan.train.TrainSettings;

/**
 * One spelling per setting: {@code train --help}, the macro keys in docs/imagej.md, the checkpoint and the model
 * metadata all name every training setting as {@link TrainSettings#SCHEMA} does, and nothing else; {@code evaluate}
 * and {@code gaze} (their --help, docs/imagej.md, the CI's macro run, the report's settings and a gaze estimator's
 * metadata) name theirs as {@link Evaluation.Settings#SCHEMA} and {@link GazeTraining.Settings#SCHEMA} do.
 */
class SettingNamesTest {

    @Test
    void helpDocsCheckpointAndMetadataUseTheSchemasNames(@TempDir Path dir) throws Exception {
        List<String> names = TrainSettings.SCHEMA.names();
        assertEquals(TrainSettings.class.getRecordComponents().length, names.size(), "one setting per record component");

        // 1. train --help: one "--NAME" option line per setting
        String help = stdout("train", "--help");
        Set<String> inHelp = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+--([a-z0-9-]+) ").matcher(help);
        while (m.find()) inHelp.add(m.group(1));
        for (String n : names) assertTrue(inHelp.contains(n), "train --help lists --" + n + ":\n" + help);

        // 2. docs/imagej.md: the Train SimGAN row gives every setting as a macro key NAME=value
        String row = Files.readAllLines(Path.of("docs", "imagej.md")).stream().filter(l -> l.startsWith("| Train SimGAN |")).findFirst().orElseThrow();
        Set<String> inDocs = new LinkedHashSet<>();
        Matcher k = Pattern.compile("(?<=[\\s`(])([a-z][a-z0-9-]*)=").matcher(row);
        while (k.find()) inDocs.add(k.group(1));
        for (String n : names) assertTrue(inDocs.contains(n), "docs/imagej.md gives the macro key " + n + "=");
        Set<String> front = Set.of("synthetic", "real", "output", "device", "preset");
        for (String key : inDocs) assertTrue(names.contains(key) || front.contains(key), "docs/imagej.md names a key no command has: " + key);

        // 3 and 4: a run's checkpoint and its refiner's metadata
        Path syn = dir.resolve("syn.tif"), real = dir.resolve("real.tif"), run = dir.resolve("run");
        DatasetIo.write(CommandLineTest.images(8, 1, true), syn);
        DatasetIo.write(CommandLineTest.images(8, 2, false), real);
        assertEquals(0, Main.run(new String[] {"train", "--synthetic", syn.toString(), "--real", real.toString(), "--out", run.toString(),
                "--batch", "4", "--features", "4", "--blocks", "1", "--disc-width", "16", "--history-size", "8", "--refiner-pretrain", "1",
                "--disc-pretrain", "1", "--iterations", "1", "--threads", "1", "--width", "16", "--height", "12", "--log-every", "0",
                "--disc-padding", "zero", "--preview-every", "0"}));
        Properties checkpoint = checkpointProperties(run.resolve(Checkpoint.FILE_NAME));
        assertEquals(names, withPrefix(checkpoint.stringPropertyNames(), "settings."), "checkpoint settings");
        try (RefinerModel model = new RefinerModel(run.resolve("refiner.onnx"), new Engine(org.simgan.runtime.Device.CPU, 1))) {
            Map<String, String> meta = model.metadata();
            assertEquals(names, withPrefix(meta.keySet(), "simgan.train."), "model metadata settings");
            assertEquals("8", meta.get("simgan.train.history-size"));
        }
        assertEquals("8", checkpoint.getProperty("settings.history-size"));
    }

    @Test
    void earlierSpellingsAreStillReadButNeverWritten() {
        TrainSettings s = TrainSettings.fromMap(Map.of("historySize", "64", "kg", "3", "disc-lr", "0.0005"), TrainSettings.paper());
        assertEquals(64, s.historySize());
        assertEquals(3, s.kG());
        assertEquals(5e-4, s.discLr());
        assertTrue(s.toMap().containsKey("history-size") && !s.toMap().containsKey("historySize"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainSettings.fromMap(Map.of("histroy-size", "64"), TrainSettings.paper()));
        assertTrue(e.getMessage().contains("unknown setting 'histroy-size'") && e.getMessage().contains("history-size"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainSettings.fromMap(Map.of("history-size", "many"), TrainSettings.paper()));
        assertTrue(e.getMessage().contains("'history-size' needs a whole number"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainSettings.fromMap(Map.of("history-size", "64", "historySize", "32"), TrainSettings.paper()));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
    }

    @Test
    void evaluateAndGazeRenderTheirSettingsFromTheirSchemas(@TempDir Path dir) throws Exception {
        SettingsSchema<Evaluation.Settings> schema = Evaluation.Settings.SCHEMA;
        for (String n : EvaluationJob.OPTIONS) assertEquals(n, schema.setting(n).name(), "evaluate's option " + n + " is a setting of the schema");
        assertEquals(Evaluation.Settings.class.getRecordComponents().length - 2 + C2st.Settings.class.getRecordComponents().length
                + GazeTraining.Settings.class.getRecordComponents().length, schema.names().size(), "one setting per record component, groups' included");

        // 1. evaluate --help and gaze --help: one "--NAME" option line per option
        Set<String> evaluateHelp = optionsIn(stdout("evaluate", "--help")), gazeHelp = optionsIn(stdout("gaze", "--help"));
        for (String n : EvaluationJob.OPTIONS) assertTrue(evaluateHelp.contains(n), "evaluate --help lists --" + n);
        for (String n : GazeTraining.Settings.SCHEMA.names()) assertTrue(gazeHelp.contains(n), "gaze --help lists --" + n);

        // 2. docs/imagej.md: the Evaluate Refinement row gives every option as a macro key NAME=value, and no other setting
        Set<String> inDocs = keysIn(Files.readAllLines(Path.of("docs", "imagej.md")).stream().filter(l -> l.startsWith("| Evaluate Refinement |"))
                .findFirst().orElseThrow());
        for (String n : EvaluationJob.OPTIONS) assertTrue(inDocs.contains(n), "docs/imagej.md gives the macro key " + n + "=");
        Set<String> front = Set.of("synthetic", "real", "target", "model", "output", "device");
        for (String key : inDocs) assertTrue(EvaluationJob.OPTIONS.contains(key) || front.contains(key), "docs/imagej.md names a key Evaluate Refinement lacks: " + key);
        // the CI's macro run gives evaluation settings and gaze train options by these names
        String ci = Files.readString(Path.of(".ci", "imagej-macros.sh"));
        Matcher tiny = Pattern.compile("evaltiny=\"([^\"]*)\"").matcher(ci);
        assertTrue(tiny.find(), "the CI script's evaluation settings");
        for (String key : keysIn(" " + tiny.group(1))) assertTrue(EvaluationJob.OPTIONS.contains(key), ".ci/imagej-macros.sh gives " + key + "=");
        Matcher gazeTrain = Pattern.compile("gaze train (.*)").matcher(ci);
        assertTrue(gazeTrain.find(), "the CI script trains a gaze estimator");
        Set<String> gazeFront = Set.of("data", "out", "threads", "labels", "refiner", "width", "height", "held-out", "device");
        for (String o : optionsIn(" " + gazeTrain.group(1).replace(" --", "\n --"))) {
            assertTrue(GazeTraining.Settings.SCHEMA.names().contains(o) || gazeFront.contains(o), ".ci/imagej-macros.sh gives gaze train --" + o);
        }

        // 3. a report lists every setting by its key, in the schema's order, and nothing else; every option given on the command line counts
        Path syn = dir.resolve("syn.tif"), real = dir.resolve("real.tif"), identity = dir.resolve("identity.onnx"), report = dir.resolve("report");
        DatasetIo.write(eyes(24, 1), syn);
        DatasetIo.write(eyes(24, 2), real);
        org.simgan.graph.Graph g = new org.simgan.graph.Graph();
        g.output("refined", g.input(ModelExport.INPUT, -1, 1, 20, 24));
        ModelExport.save(g.toModel("identity", Map.of()), identity);
        assertEquals(0, Main.run(new String[] {"evaluate", "--model", identity.toString(), "--synthetic", syn.toString(), "--real", real.toString(),
                "--out", report.toString(), "--max-images", "0", "--c2st-runs", "1", "--c2st-steps", "2", "--c2st-held-out", "0.25", "--gaze-steps", "2",
                "--gaze-scale", "8", "--gaze-held-out", "0.25", "--seed", "3", "--threads", "1"}));
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(report.resolve("summary.csv"))) {
            if (line.startsWith("setting,")) rows.put(line.split(",")[1], line.split(",", 3)[2]);
        }
        assertEquals(schema.settings().stream().map(schema::key).toList(), new ArrayList<>(rows.keySet()), "the report's settings");
        Evaluation.Settings given = EvaluationJob.settings(Map.of("max-images", "0", "c2st-runs", "1", "c2st-steps", "2", "c2st-held-out", "0.25",
                "gaze-steps", "2", "gaze-scale", "8", "gaze-held-out", "0.25", "seed", "3"));
        assertEquals(given.toMap(), rows);
        assertEquals("3", rows.get("c2st.seed"), "seed seeds the test");
        assertEquals("3", rows.get("gaze.seed"), "and the gaze estimator");
        assertEquals("2", rows.get("c2st.steps"));
        assertEquals("0.25", rows.get("gaze-held-out"));

        // 4. a gaze estimator's metadata names its settings as gaze train's options do
        Path gaze = dir.resolve("gaze.onnx");
        assertEquals(0, Main.run(new String[] {"gaze", "train", "--data", syn.toString(), "--out", gaze.toString(), "--width", "24", "--height", "20",
                "--scale", "8", "--steps", "2", "--batch", "4", "--lr", "0.002", "--seed", "5", "--threads", "1"}));
        try (GazeModel m = GazeModel.load(gaze, new Engine(org.simgan.runtime.Device.CPU, 1))) {
            assertEquals("scale=8 steps=2 batch=4 lr=0.002 seed=5", m.metadata().get(GazeTraining.KEY_SETTINGS));
        }
        Map<String, String> settingsLine = new java.util.LinkedHashMap<>();
        for (String pair : GazeTraining.Settings.defaults().describe().split(" ")) settingsLine.put(pair.split("=")[0], pair.split("=")[1]);
        assertEquals(GazeTraining.Settings.SCHEMA.names(), new ArrayList<>(settingsLine.keySet()));
    }

    @Test
    void evaluateRefusesSettingsItDoesNotTakeAndNamesTheBadOne() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EvaluationJob.settings(Map.of("c2st-batch", "8")));
        assertTrue(e.getMessage().contains("unknown evaluation setting 'c2st-batch'") && e.getMessage().contains("c2st-steps"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> EvaluationJob.settings(Map.of("gaze-steps", "many")));
        assertTrue(e.getMessage().contains("'gaze-steps' needs a whole number"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> EvaluationJob.settings(Map.of("c2st-held-out", "1.5")));
        assertTrue(e.getMessage().contains("held-out share"), e.getMessage());
        assertEquals(Evaluation.Settings.defaults(), EvaluationJob.settings(Map.of()));
        assertEquals(Evaluation.Settings.defaults(), Evaluation.Settings.SCHEMA.fromMap(Evaluation.Settings.defaults().toMap(), Evaluation.Settings.defaults()));
        assertEquals(7, EvaluationJob.settings(Map.of("seed", "7")).c2st().seed());
    }

    /** The option names of the lines "  --NAME ..." of a usage text. */
    private static Set<String> optionsIn(String help) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+--([a-z0-9-]+)( |$)").matcher(help);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** The keys of NAME=value pairs (after a space, a backquote or a parenthesis). */
    private static Set<String> keysIn(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher k = Pattern.compile("(?<=[\\s`(])([a-z][a-z0-9-]*)=").matcher(text);
        while (k.find()) out.add(k.group(1));
        return out;
    }

    /** Labelled 8-bit 24x20 images. */
    private static EyeDataset eyes(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[][] px = new float[n][20 * 24];
        SliceLabel[] l = new SliceLabel[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < px[i].length; j++) px[i][j] = r.nextInt(256);
            l[i] = new SliceLabel("eye" + i, Gaze.fromPitchYaw(r.nextDouble() - 0.5, r.nextDouble() - 0.5));
        }
        return new EyeDataset(24, 20, 8, px, l);
    }

    /** The names after {@code prefix}, in the schema's order (so the comparison also checks there are no others). */
    private static List<String> withPrefix(Set<String> keys, String prefix) {
        List<String> out = new ArrayList<>();
        for (String n : TrainSettings.SCHEMA.names()) if (keys.contains(prefix + n)) out.add(n);
        for (String key : keys) {
            if (key.startsWith(prefix) && !TrainSettings.SCHEMA.names().contains(key.substring(prefix.length()))) out.add(key.substring(prefix.length()));
        }
        return out;
    }

    private static Properties checkpointProperties(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("checkpoint.properties")) {
                    Properties p = new Properties();
                    p.load(zip);
                    return p;
                }
            }
        }
        throw new AssertionError("no checkpoint.properties in " + file);
    }

    private static String stdout(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Main.run(args);
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
