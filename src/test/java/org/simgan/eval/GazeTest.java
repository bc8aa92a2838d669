package org.simgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;
import org.simgan.data.io.DatasetIo;
import org.simgan.progress.Listener;
import org.simgan.sim.EyeSimulator;

class GazeTest {

    @Test
    void accuracyCountsThresholdsAndMedian() {
        GazeAccuracy a = GazeAccuracy.ofErrors(new double[] {1, 6, 8, 12});
        assertEquals(6.75, a.meanDegrees(), 1e-12);
        assertEquals(7, a.medianDegrees(), 1e-12);
        assertEquals(0.25, a.within5());
        assertEquals(0.5, a.within7());
        assertEquals(0.75, a.within10());
        Gaze g = Gaze.fromPitchYaw(0.1, 0.2);
        assertEquals(0, GazeAccuracy.of(List.of(g), List.of(g)).meanDegrees(), 1e-6);
    }

    @Test
    void theEstimatorLearnsSimulatorGazesAndItsExportPredictsTheSame(@TempDir Path dir) throws Exception {
        EyeDataset all = new EyeSimulator(11).renderDataset(360, Listener.NONE);
        EyeDataset train = all.slice(0, 300), test = all.slice(300, 360);
        GazeTraining.Settings s = new GazeTraining.Settings(8, 400, 16, 1e-3, 3);
        GazeTraining.Trained t = GazeTraining.train(train, s, "simulator", C2stTest.ENGINE, Listener.NONE);
        List<Gaze> truth = test.labels().stream().map(SliceLabel::gaze).toList();
        List<Gaze> predicted;
        try (GazeModel m = t.model()) {
            predicted = m.predict(test, 32, Listener.NONE);
            m.save(dir.resolve("gaze.onnx"));
            assertEquals("G", m.metadata().get("simgan.network"));
            assertTrue(m.metadata().get(GazeTraining.KEY_SETTINGS).contains("scale=8"));
        }
        GazeAccuracy a = GazeAccuracy.of(predicted, truth);
        GazeAccuracy baseline = GazeAccuracy.ofMeanGaze(train.labels().stream().map(SliceLabel::gaze).toList(), truth);
        assertTrue(baseline.meanDegrees() > 7, baseline.describe());
        assertTrue(a.meanDegrees() < 0.5 * baseline.meanDegrees(), "estimator " + a.describe() + " vs mean gaze " + baseline.describe());
        try (GazeModel loaded = GazeModel.load(dir.resolve("gaze.onnx"), C2stTest.ENGINE)) {
            List<Gaze> again = loaded.predict(test, 7, Listener.NONE);
            for (int i = 0; i < again.size(); i++) assertEquals(0, again.get(i).angleDegrees(predicted.get(i)), 1e-3);
        }
    }

    @Test
    void predictionsGoIntoSliceLabelsAndComeBack(@TempDir Path dir) throws Exception {
        EyeDataset ds = TestSets.discs(5, 20, 24, 4, 0);
        List<Gaze> predicted = List.of(Gaze.fromPitchYaw(0.1, 0.2), Gaze.fromPitchYaw(-0.2, 0.1), Gaze.fromPitchYaw(0, 0),
                Gaze.fromPitchYaw(0.3, -0.4), Gaze.fromPitchYaw(-0.1, -0.1));
        GazePredictions p = new GazePredictions(ds, predicted);
        Path tif = dir.resolve("predicted.tif");
        DatasetIo.write(p.asDataset(), tif);
        EyeDataset back = DatasetIo.read(tif);
        assertEquals(5, back.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(ds.label(i).name(), back.label(i).name());
            assertEquals(0, back.label(i).gaze().angleDegrees(predicted.get(i)), 0.02); // 4 decimals in the label
            assertEquals(ds.pixels(i)[7], back.pixels(i)[7]);
        }
        assertEquals(5, p.labelledCount());
        assertEquals(p.accuracy().meanDegrees(), GazeAccuracy.of(predicted, ds.labels().stream().map(SliceLabel::gaze).toList()).meanDegrees(), 1e-12);
        Path csv = dir.resolve("p.csv");
        p.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(6, lines.size());
        assertEquals(String.join(",", GazePredictions.COLUMNS), lines.get(0));
        assertTrue(lines.get(1).startsWith("1,00000,"), lines.get(1));

        // without labels: no accuracy, empty label cells
        EyeDataset unlabelled = new EyeDataset(ds.width(), ds.height(), 8, new float[][] {ds.pixels(0)}, new SliceLabel[] {new SliceLabel("x", null)});
        GazePredictions q = new GazePredictions(unlabelled, predicted.subList(0, 1));
        assertEquals(null, q.accuracy());
        assertEquals("", q.row(0).get(GazePredictions.COLUMNS.indexOf("error_deg")));
    }
}
