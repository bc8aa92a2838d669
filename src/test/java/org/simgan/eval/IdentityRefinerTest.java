package org.simgan.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.cli.Main;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;
import org.simgan.nn.ModelExport;
import org.simgan.progress.Listener;

/** A refiner that returns its input: no label cost, no pixel change, and exactly the realism of the synthetic images. */
class IdentityRefinerTest {
    static final int H = 20, W = 24;

    static Path identityModel(Path dir) throws Exception {
        Graph g = new Graph();
        Value x = g.input(ModelExport.INPUT, -1, 1, H, W);
        g.output("refined", x);
        Path file = dir.resolve("identity.onnx");
        ModelExport.save(g.toModel("identity", Map.of()), file);
        return file;
    }

    static Evaluation.Settings tiny() {
        return new Evaluation.Settings(new C2st.Settings(2, 5, 80, 16, 3e-3, 0.3, 100, 100),
                new GazeTraining.Settings(8, 60, 16, 2e-3, 2), 0.25, 0, 16, 1);
    }

    @Test
    void identityRefinerCostsNothingAndIsAsRealAsSynthetic(@TempDir Path dir) throws Exception {
        EyeDataset synthetic = TestSets.discs(100, H, W, 8, 0), real = TestSets.discs(100, H, W, 9, 25);
        Evaluation.Result r = Evaluation.run(identityModel(dir), synthetic, real, tiny(), C2stTest.ENGINE, Listener.NONE);
        for (int i = 0; i < synthetic.size(); i++) assertArrayEquals(synthetic.pixels(i), r.refined().pixels(i));
        assertEquals(0, r.meanAbsChange());
        assertNotNull(r.labels());
        assertEquals(0, r.labels().labelCostDegrees());
        assertEquals(r.labels().synthetic(), r.labels().refined());
        assertEquals(r.syntheticVsReal().accuracy(), r.refinedVsReal().accuracy());
        assertEquals(r.syntheticVsReal().auc(), r.refinedVsReal().auc());
        assertEquals(r.syntheticVsReal().aucLow(), r.refinedVsReal().aucLow());
        assertEquals(0, r.aucChange());
        // the shift of 25 grey levels is obvious to the classifier
        assertTrue(r.syntheticVsReal().auc() > 0.9, r.syntheticVsReal().describe());

        Path out = dir.resolve("report");
        ReportWriter.write(r, Map.of("synthetic", "test discs"), out);
        String csv = Files.readString(out.resolve(ReportWriter.SUMMARY_CSV));
        assertTrue(csv.contains("labels,label_cost_deg,0.0000"), csv);
        assertTrue(csv.contains("setting,c2st.steps,80"), csv);
        assertTrue(Files.readString(out.resolve(ReportWriter.SUMMARY_TXT)).contains("label cost"));
        for (String png : List.of(ReportWriter.MONTAGE, ReportWriter.HISTOGRAMS, ReportWriter.ROC)) {
            assertNotNull(ImageIO.read(out.resolve(png).toFile()), png);
        }
    }

    @Test
    void evaluateAndGazeCommandsRunEndToEnd(@TempDir Path dir) throws Exception {
        Path syn = dir.resolve("syn.tif"), real = dir.resolve("real.tif");
        DatasetIo.write(TestSets.discs(60, H, W, 10, 0), syn);
        DatasetIo.write(TestSets.discs(60, H, W, 11, 20), real);
        Path model = identityModel(dir), out = dir.resolve("report");
        int code = Main.run(new String[] {"evaluate", "--model", model.toString(), "--synthetic", syn.toString(), "--real", real.toString(),
                "--out", out.toString(), "--c2st-runs", "1", "--c2st-steps", "30", "--gaze-steps", "20", "--gaze-scale", "8", "--threads", "1"});
        assertEquals(0, code);
        assertTrue(Files.exists(out.resolve(ReportWriter.ROC)));
        assertTrue(Files.readString(out.resolve(ReportWriter.SUMMARY_CSV)).contains("c2st_refined_vs_real,auc,"));

        Path gaze = dir.resolve("gaze.onnx"), predicted = dir.resolve("pred.tif"), csv = dir.resolve("pred.csv");
        assertEquals(0, Main.run(new String[] {"gaze", "train", "--data", syn.toString(), "--out", gaze.toString(), "--steps", "20", "--scale", "8", "--width", "24", "--height", "20",
                "--batch", "8", "--threads", "1"}));
        assertEquals(0, Main.run(new String[] {"gaze", "predict", "--model", gaze.toString(), "--data", real.toString(), "--out", predicted.toString(),
                "--csv", csv.toString(), "--threads", "1"}));
        EyeDataset back = DatasetIo.read(predicted);
        assertEquals(60, back.size());
        assertTrue(back.allLabelled());
        assertEquals(61, Files.readAllLines(csv).size());
        assertEquals(2, Main.run(new String[] {"gaze", "fly"}));
    }
}
