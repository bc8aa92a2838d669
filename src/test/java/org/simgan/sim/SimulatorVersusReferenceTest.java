package org.simgan.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ReadOptions;

/**
 * The simulator's images are in the same brightness range as the references in {@code ../shared/data} (read with
 * the project's own loader): synthetic renders against UnityEyes crops (framed, as those are, by the eyeball rather
 * than by the eye corners, which shows less skin), the camera-style stand-in against real MPIIGaze crops. Skipped
 * when the shared data is absent.
 */
class SimulatorVersusReferenceTest {
    private static final Path SHARED = Path.of("..", "shared", "data");

    @Test
    void syntheticRendersAreLitLikeUnityEyes() throws Exception {
        EyeDataset ue = reference("unityeyes_samples_100.h5", 100);
        double[] ref = meanSd(ue);
        EyeSimulator simulator = new EyeSimulator(55, 35, Style.SYNTHETIC, GazeRange.UNITYEYES_LIKE, 1);
        float[][] eyes = new float[100][];
        for (int i = 0; i < eyes.length; i++) {
            eyes[i] = simulator.renderer().render(simulator.gaze(i), simulator.appearance(i).withFramedByCorners(false)).pixels();
        }
        double[] sim = meanSd(eyes);
        assertEquals(ref[0], sim[0], 20, "mean grey level: UnityEyes " + ref[0] + ", simulator " + sim[0]);
        assertEquals(ref[1], sim[1], 15, "grey-level spread: UnityEyes " + ref[1] + ", simulator " + sim[1]);
    }

    @Test
    void cameraStandInIsLitLikeRealCrops() throws Exception {
        EyeDataset real = reference("real_gaze_mpiigaze_2244.h5", 200);
        double[] ref = meanSd(real);
        double[] sim = meanSd(new EyeSimulator(55, 35, Style.CAMERA_STANDIN, GazeRange.UNITYEYES_LIKE, 2).renderDataset(200,
                org.simgan.progress.Listener.NONE));
        assertEquals(ref[0], sim[0], 20, "mean grey level: real " + ref[0] + ", camera-style stand-in " + sim[0]);
        assertEquals(ref[1], sim[1], 15, "grey-level spread: real " + ref[1] + ", camera-style stand-in " + sim[1]);
    }

    private static EyeDataset reference(String name, int count) throws Exception {
        Path file = SHARED.resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "reference data " + file.toAbsolutePath() + " not present: skipped");
        EyeDataset ds = DatasetIo.read(file, ReadOptions.defaults().withRange(0, count).withLabelsRequired(false));
        assertTrue(ds.size() == count && ds.width() == 55 && ds.height() == 35, "unexpected reference layout");
        return ds;
    }

    private static double[] meanSd(EyeDataset ds) {
        float[][] eyes = new float[ds.size()][];
        for (int i = 0; i < eyes.length; i++) eyes[i] = ds.pixels(i);
        return meanSd(eyes);
    }

    private static double[] meanSd(float[][] eyes) {
        double s = 0, s2 = 0;
        long n = 0;
        for (float[] eye : eyes) {
            for (float v : eye) {
                s += v;
                s2 += (double) v * v;
                n++;
            }
        }
        double m = s / n;
        return new double[] {m, Math.sqrt(s2 / n - m * m)};
    }
}
