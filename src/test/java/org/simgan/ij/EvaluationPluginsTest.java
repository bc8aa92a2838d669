package org.simgan.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.measure.ResultsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;
import org.simgan.data.io.DatasetIo;
import org.simgan.eval.GazeModel;
import org.simgan.eval.GazePredictions;
import org.simgan.eval.ReportWriter;
import org.simgan.progress.Listener;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

/** Evaluate Refinement and Predict Gaze through their macro options, headless, and macros/evaluate-and-predict.ijm. */
class EvaluationPluginsTest {
    /** The gaze estimator needs at least 20 rows. */
    private static final int W = 24, H = 20;
    /** Evaluation settings for a fraction of a second. */
    private static final String TINY = "max-images=0 c2st-runs=1 c2st-steps=4 c2st-held-out=0.3 gaze-steps=3 gaze-scale=8 gaze-held-out=0.25 seed=3";

    @BeforeAll
    static void commands() throws Exception {
        ImageJHeadless.install();
    }

    private static String q(Path p) {
        return "[" + p.toAbsolutePath() + "]";
    }

    @Test
    void exampleMacroEvaluatesAndPredictsAndLeavesTheSourceAsItWas(@TempDir Path dir) throws Exception {
        EyeDataset syn = TestData.images(16, W, H, 8, false, 1), real = TestData.images(16, W, H, 8, true, 2), eyes = TestData.images(5, W, H, 8, true, 3);
        Path synFile = TestData.write(syn, dir.resolve("synthetic.h5")), realFile = TestData.write(real, dir.resolve("real.tif"));
        Path stack = TestData.write(eyes, dir.resolve("eyes.tif"));
        Path refiner = TestData.model(dir.resolve("refiner.onnx"), W, H), gaze = TestData.gazeModel(syn, dir.resolve("gaze.onnx"));
        Path report = dir.resolve("report"), saved = dir.resolve("eyes-gaze.tif");
        ImageJHeadless.Result r = ImageJHeadless.runFile(Path.of("macros", "evaluate-and-predict.ijm"), "synthetic=" + q(synFile) + " real=" + q(realFile)
                + " refiner=" + q(refiner) + " report=" + q(report) + " settings=[" + TINY + "] gaze=" + q(gaze) + " stack=" + q(stack) + " saveto=" + q(saved));

        // the report, and the table holding its rows
        for (String f : List.of(ReportWriter.SUMMARY_TXT, ReportWriter.SUMMARY_CSV)) assertTrue(Files.size(report.resolve(f)) > 0, f);
        for (String png : List.of(ReportWriter.MONTAGE, ReportWriter.HISTOGRAMS, ReportWriter.ROC)) assertNotNull(ImageIO.read(report.resolve(png).toFile()), png);
        assertTrue(r.output().contains("report: c2st_refined_vs_real auc 0.") || r.output().contains("report: c2st_refined_vs_real auc 1."), r.output());
        assertTrue(r.output().contains("report: labels label_cost_deg "), r.output());
        List<String> csv = Files.readAllLines(report.resolve(ReportWriter.SUMMARY_CSV));
        assertTrue(csv.contains("setting,c2st.steps,4") && csv.contains("setting,gaze.steps,3") && csv.contains("input,synthetic," + synFile.toAbsolutePath()), csv.toString());
        ResultsTable t = Tables.last(EvaluateRefinementPlugin.TABLE);
        assertNotNull(t);
        assertEquals(csv.size() - 1, t.size(), "one table row per summary.csv row");
        int figures = 0;
        for (int i = 0; i < t.size(); i++) {
            String[] row = csv.get(i + 1).split(",", 3);
            assertEquals(row[0], t.getStringValue("section", i));
            assertEquals(row[1], t.getStringValue("metric", i));
            if (row[2].matches("-?[0-9.]+")) {
                assertEquals(Double.parseDouble(row[2]), t.getValue("value", i), 1e-12, row[1]);
                figures++;
            } else {
                assertEquals(row[2].replace("\"", ""), t.getStringValue("value", i).replace("\"", ""), row[1]);
            }
        }
        assertTrue(figures > 30, "the figures are numbers in the table: " + figures);

        // the predicted stack: the source's pixels and names, the estimator's gazes in the slice labels
        assertTrue(r.output().contains("predicted the gaze of 5 slices of eyes.tif into eyes.tif-gaze"), r.output());
        List<Gaze> expected;
        try (GazeModel m = GazeModel.load(gaze, new Engine(Device.CPU, 1))) {
            expected = m.predict(eyes, 2, Listener.NONE);
        }
        EyeDataset back = DatasetIo.read(saved);
        assertEquals(eyes.size(), back.size());
        for (int i = 0; i < eyes.size(); i++) {
            assertEquals(new SliceLabel(eyes.label(i).name(), expected.get(i)).format(), back.label(i).format(), "slice " + (i + 1));
            assertArrayEquals(eyes.pixels(i), back.pixels(i));
        }
        assertTrue(r.output().contains("slice 1: " + new SliceLabel(eyes.label(0).name(), expected.get(0)).format().replace("\n", " / ")), r.output());
        // the gaze table, and the accuracy in the Log (the stack is labelled)
        ResultsTable g = Tables.last(PredictGazePlugin.TABLE);
        GazePredictions p = new GazePredictions(eyes, expected);
        assertEquals(eyes.size(), g.size());
        assertEquals(GazePredictions.COLUMNS, List.of(g.getHeadings()));
        for (int i = 0; i < eyes.size(); i++) {
            List<String> row = p.row(i);
            assertEquals(row.get(1), g.getStringValue("name", i));
            for (int c : new int[] {0, 2, 3, 4, 5, 6, 7, 10}) {
                assertEquals(Double.parseDouble(row.get(c)), g.getValue(GazePredictions.COLUMNS.get(c), i), 1e-12, GazePredictions.COLUMNS.get(c));
            }
        }
        assertTrue(r.output().contains("mean error ") && r.output().contains("within 5 deg: ") && r.output().contains("within 10 deg: "), r.output());

        // the source stack stays as it was; the new image records the model
        Path after = dir.resolve("after.tif");
        r = ImageJHeadless.run("setBatchMode(true); open(\"" + stack.toAbsolutePath() + "\"); run(\"Predict Gaze\", \"model=" + q(gaze) + " batch=3\");"
                + "print(\"title=\" + getTitle() + \" model=\" + Property.get(\"SimGAN.gaze_model\")); selectImage(\"eyes.tif\"); saveAs(\"Tiff\", \""
                + after.toAbsolutePath() + "\");");
        assertFalse(r.aborted(), r.output());
        assertTrue(r.output().contains("title=eyes.tif-gaze model=" + gaze.toAbsolutePath()), r.output());
        EyeDataset source = DatasetIo.read(after);
        assertEquals(eyes.labels(), source.labels());
        for (int i = 0; i < eyes.size(); i++) assertArrayEquals(eyes.pixels(i), source.pixels(i));
    }

    @Test
    void aTargetGivesTheGazeTransferTableThroughTheMacroString(@TempDir Path dir) throws Exception {
        Path syn = TestData.write(TestData.images(24, W, H, 8, false, 21), dir.resolve("syn.tif"));
        Path real = TestData.write(TestData.images(16, W, H, 8, true, 22), dir.resolve("real.tif"));
        Path target = TestData.write(TestData.images(12, W, H, 8, true, 23), dir.resolve("target.tif"));
        Path refiner = TestData.model(dir.resolve("refiner.onnx"), W, H), report = dir.resolve("report");
        String options = "synthetic=" + q(syn) + " real=" + q(real) + " target=" + q(target) + " model=" + q(refiner) + " output=" + q(report) + " " + TINY;
        ImageJHeadless.Result r = ImageJHeadless.run("run(\"Evaluate Refinement\", \"" + options + "\");");
        assertFalse(r.aborted(), r.output());
        ResultsTable t = Tables.last(EvaluateRefinementPlugin.TRANSFER_TABLE);
        assertNotNull(t);
        assertEquals(2, t.size(), "synthetic-trained and refined-trained");
        assertEquals("synthetic", t.getStringValue("trained on", 0));
        assertEquals("refined", t.getStringValue("trained on", 1));
        List<String> csv = Files.readAllLines(report.resolve(ReportWriter.SUMMARY_CSV));
        String mean = csv.stream().filter(l -> l.startsWith("transfer,refined_trained_mean_deg,")).findFirst().orElseThrow().split(",")[2];
        assertEquals(Double.parseDouble(mean), t.getValue("mean error (deg)", 1), 1e-4);
        assertTrue(csv.contains("input,target," + target.toAbsolutePath()), csv.toString());
        assertNotNull(ImageIO.read(report.resolve(ReportWriter.TRANSFER).toFile()));

        // the same options, unlabelled target: refused with a message, no report
        Path bare = dir.resolve("bare.tif");
        EyeDataset unlabelled = TestData.images(12, W, H, 8, true, 24);
        SliceLabel[] names = new SliceLabel[unlabelled.size()];
        float[][] px = new float[unlabelled.size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = new SliceLabel(unlabelled.label(i).name(), null);
            px[i] = unlabelled.pixels(i);
        }
        TestData.write(new EyeDataset(W, H, 8, px, names), bare);
        Path report2 = dir.resolve("report2");
        r = ImageJHeadless.run("run(\"Evaluate Refinement\", \"" + options.replace(q(target), q(bare)).replace(q(report), q(report2)) + "\");");
        assertTrue(r.aborted() && r.output().contains("has no gaze label"), r.output());
        assertFalse(Files.exists(report2));
    }

    @Test
    void unlabelledStacksGetPredictionsButNoAccuracy(@TempDir Path dir) throws Exception {
        Path gaze = TestData.gazeModel(TestData.images(8, W, H, 8, false, 4), dir.resolve("gaze.onnx"));
        ImageJHeadless.Result r = ImageJHeadless.run("setBatchMode(true); newImage(\"plain\", \"8-bit ramp\", " + W + ", " + H + ", 3);"
                + "run(\"Predict Gaze\", \"model=" + q(gaze) + "\"); setSlice(2); print(\"label=\" + getMetadata(\"Label\"));");
        assertFalse(r.aborted(), r.output());
        assertTrue(r.output().contains("label=00001\ngaze="), r.output());
        assertFalse(r.output().contains("mean error"), r.output());
        assertEquals("", Tables.last(PredictGazePlugin.TABLE).getStringValue("error_deg", 0));
    }

    @Test
    void badInputsStopTheMacroWithAMessageThatSaysWhatToDo(@TempDir Path dir) throws Exception {
        Path gaze = TestData.gazeModel(TestData.images(8, W, H, 8, false, 5), dir.resolve("gaze.onnx"));
        String open = "setBatchMode(true); newImage(\"eyes\", \"8-bit ramp\", " + W + ", " + H + ", 2);";
        ImageJHeadless.Result r = ImageJHeadless.run(open + "run(\"Predict Gaze\", \"image=eyes\");");
        assertTrue(r.aborted());
        assertTrue(r.output().contains("give the gaze estimator (model="), r.output());

        Path text = Files.writeString(dir.resolve("notes.onnx"), "not a network");
        r = ImageJHeadless.run(open + "run(\"Predict Gaze\", \"model=" + q(text) + "\");");
        assertTrue(r.aborted());
        assertTrue(r.output().contains("is not an ONNX model"), r.output());

        r = ImageJHeadless.run(open + "run(\"Predict Gaze\", \"model=" + q(dir.resolve("missing.onnx")) + "\");");
        assertTrue(r.aborted() && r.output().contains("no gaze estimator at"), r.output());

        r = ImageJHeadless.run("setBatchMode(true); newImage(\"small\", \"8-bit ramp\", 16, 12, 2); run(\"Predict Gaze\", \"model=" + q(gaze) + "\");");
        assertTrue(r.aborted());
        assertTrue(r.output().contains("16x12") && r.output().contains(W + "x" + H) && r.output().contains("resize"), r.output());
        assertFalse(r.output().contains("small-gaze"));

        // a real stack of another size than the synthetic one, and a forgotten report folder
        Path syn = TestData.write(TestData.images(8, W, H, 8, false, 6), dir.resolve("syn.tif"));
        Path real = TestData.write(TestData.images(8, 16, 12, 8, true, 7), dir.resolve("real.tif"));
        Path refiner = TestData.model(dir.resolve("refiner.onnx"), W, H);
        r = ImageJHeadless.run("run(\"Evaluate Refinement\", \"synthetic=" + q(syn) + " real=" + q(real) + " model=" + q(refiner) + " output="
                + q(dir.resolve("report")) + " " + TINY + "\");");
        assertTrue(r.aborted());
        assertTrue(r.output().contains("give images of one size"), r.output());
        assertFalse(Files.exists(dir.resolve("report").resolve(ReportWriter.SUMMARY_CSV)));
        r = ImageJHeadless.run("run(\"Evaluate Refinement\", \"synthetic=" + q(syn) + " real=" + q(syn) + " model=" + q(refiner) + " " + TINY + "\");");
        assertTrue(r.aborted() && r.output().contains("give the folder to write the report into"), r.output());
        r = ImageJHeadless.run("run(\"Evaluate Refinement\", \"synthetic=" + q(syn) + " real=" + q(syn) + " model=" + q(refiner) + " output="
                + q(dir.resolve("report")) + " c2st-steps=many\");");
        assertTrue(r.aborted() && r.output().contains("'c2st-steps' must be a whole number"), r.output());
    }
}
