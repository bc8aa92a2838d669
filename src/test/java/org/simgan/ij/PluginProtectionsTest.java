package org.simgan.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.data.SliceLabel;

/** The ImageJ commands get issue #12's protections from the same core code as the command line. */
class PluginProtectionsTest {

    @BeforeAll
    static void commands() throws Exception {
        ImageJHeadless.install();
    }

    private static String q(Path p) {
        return "[" + p.toAbsolutePath() + "]";
    }

    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (var s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        return m;
    }

    private static void assertUnchanged(Map<String, byte[]> before, Path dir) throws IOException {
        Map<String, byte[]> now = snapshot(dir);
        assertEquals(before.keySet(), now.keySet());
        for (var e : before.entrySet()) assertArrayEquals(e.getValue(), now.get(e.getKey()), e.getKey());
    }

    private static ImageJHeadless.Result train(Path syn, Path real, Path out, boolean resume) {
        return ImageJHeadless.run("setBatchMode(true); run(\"Train SimGAN\", \"synthetic=" + q(syn) + " real=" + q(real) + " output=" + q(out)
                + (resume ? " resume " : " ") + TestData.TINY + "\");");
    }

    @Test
    void trainSimGanRefusesAnExistingRunAndOtherDataWithoutChangingTheRun(@TempDir Path dir) throws Exception {
        Path syn = TestData.write(TestData.images(12, 8, false, 1), dir.resolve("synthetic.tif"));
        Path real = TestData.write(TestData.images(12, 8, true, 2), dir.resolve("real.tif"));
        Path other = TestData.write(TestData.images(12, 8, true, 9), dir.resolve("other.tif"));
        Path out = dir.resolve("run");
        ImageJHeadless.Result r = train(syn, real, out, false);
        assertFalse(r.aborted(), r.output());
        Map<String, byte[]> before = snapshot(out);
        r = train(syn, other, out, false);
        assertTrue(r.aborted() && r.output().contains("already holds a training run"), r.output());
        assertUnchanged(before, out);
        r = train(syn, other, out, true);
        assertTrue(r.aborted() && r.output().contains("the real images differ from those the run started with"), r.output());
        assertUnchanged(before, out);
        r = train(syn, real, syn, false);
        assertTrue(r.aborted() && r.output().contains("is the input " + syn.toAbsolutePath()), r.output());
    }

    @Test
    void refineFolderRefusesTwoInputsForOneOutput(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
        TestData.write(TestData.images(1, 8, false, 1), in.resolve("x.png"));
        TestData.write(TestData.images(2, 8, false, 2), in.resolve("x.tif"));
        Path model = TestData.model(dir.resolve("refiner.onnx"));
        ImageJHeadless.Result r = ImageJHeadless.run("run(\"Refine Folder\", \"input=" + q(in) + " output=" + q(out) + " model=" + q(model) + "\");");
        assertTrue(r.aborted() && r.output().contains("x.png, x.tif would all be written to"), r.output());
        assertFalse(Files.exists(out));
    }

    @Test
    void predictGazeRefusesNaNPixelsAndOpenEyeDatasetNamesItsHdf5Option(@TempDir Path dir) throws Exception {
        EyeDataset clean = TestData.images(6, 24, 20, 8, false, 3);
        Path gaze = TestData.gazeModel(clean, dir.resolve("gaze.onnx"));
        float[][] px = new float[6][];
        for (int i = 0; i < 6; i++) {
            px[i] = clean.pixels(i).clone();
            for (int j = 0; j < px[i].length; j++) px[i][j] /= 255f;
        }
        px[2][5] = Float.NaN;
        Path stack = TestData.write(new EyeDataset(24, 20, 32, px, clean.labels().toArray(new SliceLabel[0])), dir.resolve("nan.tif"));
        ImageJHeadless.Result r = ImageJHeadless.run("setBatchMode(true); open(\"" + stack.toAbsolutePath() + "\"); run(\"Predict Gaze\", \"model="
                + q(gaze) + "\");");
        assertTrue(r.aborted() && r.output().contains("image 2 ('eye002')") && r.output().contains("NaN"), r.output());

        Path h5 = dir.resolve("other.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putDataset("eyes", new float[2][12][16]);
        }
        r = ImageJHeadless.run("run(\"Open Eye Dataset\", \"path=" + q(h5) + "\");");
        assertTrue(r.aborted() && r.output().contains("hdf5_images=PATH"), r.output());
    }
}
