package org.simgan.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.cli.Main;
import org.simgan.data.EyeDataset;
import org.simgan.data.SliceLabel;
import org.simgan.data.io.DatasetIo;
import org.simgan.progress.Listener;
import org.simgan.refine.RefinerModel;

/** The gaze-transfer experiment of evaluate --target on tiny disc "eyes". */
class GazeTransferTest {
    private static final int H = IdentityRefinerTest.H, W = IdentityRefinerTest.W;

    @Test
    void anIdentityRefinerGivesTwoEqualErrorsAndTheCurveClimbsTo100Percent(@TempDir Path dir) throws Exception {
        EyeDataset synthetic = TestSets.discs(80, H, W, 8, 0), real = TestSets.discs(40, H, W, 9, 25), target = TestSets.discs(50, H, W, 12, 25);
        Evaluation.Result r;
        try (RefinerModel m = new RefinerModel(IdentityRefinerTest.identityModel(dir), C2stTest.ENGINE)) {
            r = Evaluation.run(m, synthetic, real, target, IdentityRefinerTest.tiny(), C2stTest.ENGINE, Listener.NONE);
        }
        GazeTransfer.Result t = r.transfer();
        assertNotNull(t);
        assertNull(t.prepared(), "a refiner without preprocessing has no prepared row");
        assertEquals(50, t.targetImages());
        assertArrayEquals(t.synthetic().errors(), t.refined().errors(), "the same images, seed and steps train the same estimator");
        assertEquals(1.0, t.ratio());
        assertTrue(t.synthetic().meanLow() <= t.synthetic().accuracy().meanDegrees() && t.synthetic().accuracy().meanDegrees() <= t.synthetic().meanHigh());
        double[] curve = t.synthetic().curve(180);
        for (int d = 1; d < curve.length; d++) assertTrue(curve[d] >= curve[d - 1], "the curve never falls: " + d);
        assertEquals(1.0, curve[180], "every error is at most 180 degrees");
        assertEquals(t.synthetic().accuracy().within7(), t.synthetic().shareWithin(7));

        Path out = dir.resolve("report");
        ReportWriter.write(r, java.util.Map.of(), out);
        String csv = Files.readString(out.resolve(ReportWriter.SUMMARY_CSV));
        assertTrue(csv.contains("transfer,ratio_refined_over_synthetic,1.0000"), csv);
        assertTrue(csv.contains("transfer,synthetic_trained_within25_deg,"), csv);
        assertNotNull(ImageIO.read(out.resolve(ReportWriter.TRANSFER).toFile()));
    }

    @Test
    void aTargetWithoutLabelsIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        EyeDataset target = TestSets.discs(20, H, W, 3, 0);
        float[][] px = new float[target.size()][];
        SliceLabel[] bare = new SliceLabel[target.size()];
        for (int i = 0; i < px.length; i++) {
            px[i] = target.pixels(i);
            bare[i] = new SliceLabel(target.label(i).name(), null);
        }
        Path syn = dir.resolve("syn.tif"), real = dir.resolve("real.tif"), unlabelled = dir.resolve("target.tif"), out = dir.resolve("report");
        DatasetIo.write(TestSets.discs(30, H, W, 10, 0), syn);
        DatasetIo.write(TestSets.discs(30, H, W, 11, 20), real);
        DatasetIo.write(new EyeDataset(W, H, 8, px, bare), unlabelled);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GazeTransfer.checkInputs(TestSets.discs(5, H, W, 1, 0), DatasetIo.read(unlabelled)));
        assertTrue(e.getMessage().contains("has no gaze label") && e.getMessage().contains("target"), e.getMessage());
        int code = Main.run(new String[] {"evaluate", "--model", IdentityRefinerTest.identityModel(dir).toString(), "--synthetic", syn.toString(),
                "--real", real.toString(), "--target", unlabelled.toString(), "--out", out.toString(), "--threads", "1"});
        assertTrue(code != 0);
        assertTrue(Files.notExists(out), "a refused evaluation writes no report");
        assertEquals(2, Main.run(new String[] {"evaluate", "--model", "m.onnx", "--synthetic", syn.toString(), "--real", real.toString(),
                "--target-labels", "x.csv", "--out", out.toString()}), "target labels without a target is a usage error");
    }
}
