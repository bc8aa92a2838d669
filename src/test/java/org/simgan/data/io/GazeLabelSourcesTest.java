package org.simgan.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;

/** Gaze labels from CSV files and UnityEyes folders. */
class GazeLabelSourcesTest {

    @TempDir
    Path dir;

    private List<Gaze> randomGazes(long seed, int n) {
        Random rnd = new Random(seed);
        List<Gaze> gazes = new ArrayList<>();
        for (int i = 0; i < n; i++) gazes.add(Gaze.fromPitchYaw(rnd.nextDouble() - 0.5, rnd.nextDouble() - 0.5));
        return gazes;
    }

    @Test
    void csvWithVectorColumnLabelsTheImages() throws Exception {
        List<Gaze> gazes = randomGazes(1, 4);
        StringBuilder csv = new StringBuilder("id,look_vec,comment\n");
        for (int i = 0; i < gazes.size(); i++) {
            Gaze g = gazes.get(i);
            csv.append(String.format(Locale.ROOT, "%d,\"(%.6f, %.6f, %.6f, 0.0)\",row %d%n", i, g.x(), g.y(), g.z(), i));
        }
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, csv);
        EyeDataset images = TestImages.random(2, 4, 55, 35, 8, false);
        Path file = dir.resolve("eyes.h5");
        DatasetIo.write(images, file);
        EyeDataset labelled = DatasetIo.read(file, ReadOptions.defaults().withLabelsCsv(labels).withLabelsRequired(true));
        for (int i = 0; i < 4; i++) assertEquals(0, gazes.get(i).angleDegrees(labelled.label(i).gaze()), 1e-3);
        // A range takes the matching rows.
        EyeDataset part = DatasetIo.read(file, ReadOptions.defaults().withLabelsCsv(labels).withRange(2, 2));
        assertEquals(0, gazes.get(2).angleDegrees(part.label(0).gaze()), 1e-3);
        assertEquals(0, gazes.get(3).angleDegrees(part.label(1).gaze()), 1e-3);
    }

    @Test
    void csvWithXyzOrPitchYawColumns() throws Exception {
        List<Gaze> gazes = randomGazes(3, 5);
        StringBuilder xyz = new StringBuilder("look_x,look_y,look_z\n");
        StringBuilder py = new StringBuilder("Yaw,Pitch\n");
        for (Gaze g : gazes) {
            xyz.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f%n", 2 * g.x(), 2 * g.y(), 2 * g.z()));
            py.append(String.format(Locale.ROOT, "%.6f,%.6f%n", Math.toDegrees(g.yaw()), Math.toDegrees(g.pitch())));
        }
        Path a = dir.resolve("xyz.csv");
        Path b = dir.resolve("pitchyaw.csv");
        Files.writeString(a, xyz);
        Files.writeString(b, py + "\n");
        List<Gaze> fromXyz = CsvGazeLabels.read(a);
        List<Gaze> fromPitchYaw = CsvGazeLabels.read(b);
        assertEquals(5, fromXyz.size());
        assertEquals(5, fromPitchYaw.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(0, gazes.get(i).angleDegrees(fromXyz.get(i)), 1e-3);
            assertEquals(0, gazes.get(i).angleDegrees(fromPitchYaw.get(i)), 1e-3);
        }
    }

    @Test
    void csvErrorsNameTheProblem() throws Exception {
        Path noGaze = dir.resolve("nogaze.csv");
        Files.writeString(noGaze, "file,score\na.png,1\n");
        DataInputException e = assertThrows(DataInputException.class, () -> CsvGazeLabels.read(noGaze));
        assertTrue(e.getMessage().contains("none that hold a gaze") && e.getMessage().contains("pitch,yaw"), e.getMessage());

        Path badNumber = dir.resolve("bad.csv");
        Files.writeString(badNumber, "x,y,z\n0,0,-1\n0,abc,-1\n");
        DataInputException b = assertThrows(DataInputException.class, () -> CsvGazeLabels.read(badNumber));
        assertTrue(b.getMessage().contains("line 3") && b.getMessage().contains("'abc'"), b.getMessage());

        Path twoRows = dir.resolve("two.csv");
        Files.writeString(twoRows, "x,y,z\n0,0,-1\n0.1,0,-1\n");
        Path images = dir.resolve("three.tif");
        DatasetIo.write(TestImages.random(4, 3, 55, 35, 8, false), images);
        DataInputException c = assertThrows(DataInputException.class,
                () -> DatasetIo.read(images, ReadOptions.defaults().withLabelsCsv(twoRows)));
        assertTrue(c.getMessage().contains("2 gaze rows") && c.getMessage().contains("3 images"), c.getMessage());
    }

    /**
     * Renders of a dark eye (a filled ellipse) on a light background at a known place in image coordinates; the
     * JSON outline uses UnityEyes' bottom-left origin. The crop must be centred on the eye, which a y flip missing
     * would not be (the eye sits in the upper part of the render).
     */
    @Test
    void unityEyesFolderIsCroppedAroundTheEyeAndLabelled() throws Exception {
        int w = 200;
        int h = 150;
        List<Gaze> gazes = randomGazes(9, 2);
        int[][] centres = {{70, 40}, {130, 45}};
        for (int k = 0; k < 2; k++) {
            int cx = centres[k][0];
            int cy = centres[k][1];
            BufferedImage render = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = render.createGraphics();
            g.setColor(new Color(230, 220, 210));
            g.fillRect(0, 0, w, h);
            g.setColor(new Color(20, 20, 20));
            g.fillOval(cx - 30, cy - 12, 60, 24);
            g.dispose();
            ImageIO.write(render, "jpg", dir.resolve((k + 1) + ".jpg").toFile());
            StringBuilder margin = new StringBuilder();
            for (int p = 0; p < 16; p++) {
                double t = 2 * Math.PI * p / 16;
                double x = cx + 30 * Math.cos(t);
                double yFromBottom = h - (cy + 12 * Math.sin(t));
                margin.append(p == 0 ? "" : ", ").append(String.format(Locale.ROOT, "\"(%.3f, %.3f, 9.5)\"", x, yFromBottom));
            }
            Gaze gz = gazes.get(k);
            String json = String.format(Locale.ROOT, "{\"interior_margin_2d\": [%s],%n \"caruncle_2d\": [],"
                    + " \"eye_details\": {\"look_vec\": \"(%.6f, %.6f, %.6f, 0.0000)\", \"pupil_size\": \"0.1\"},"
                    + " \"head_pose\": \"(351.0, 0.5, 0.0)\", \"lighting_details\": {\"skybox_exposure\": 1.0e+0, \"ok\": true}}",
                    margin, gz.x(), gz.y(), gz.z());
            Files.writeString(dir.resolve((k + 1) + ".json"), json);
        }
        assertEquals(DatasetIo.Format.UNITYEYES_FOLDER, DatasetIo.detect(dir));
        EyeDataset eyes = DatasetIo.read(dir, ReadOptions.defaults().withEyeSize().withLabelsRequired(true));
        assertEquals(2, eyes.size());
        assertEquals(8, eyes.bitDepth());
        assertEquals("1.jpg", eyes.label(0).name());
        for (int k = 0; k < 2; k++) {
            assertEquals(0, gazes.get(k).angleDegrees(eyes.label(k).gaze()), 1e-3);
            float[] p = eyes.pixels(k);
            float centre = p[17 * 55 + 27];
            float corner = p[0];
            assertTrue(centre < 60, "crop centre should be the dark eye, was " + centre);
            assertTrue(corner > 170, "crop corner should be background, was " + corner);
            // The eye is centred: dark mass balanced left/right and top/bottom.
            double sx = 0;
            double sy = 0;
            double mass = 0;
            for (int y = 0; y < 35; y++) {
                for (int x = 0; x < 55; x++) {
                    double dark = 255 - p[y * 55 + x];
                    sx += dark * x;
                    sy += dark * y;
                    mass += dark;
                }
            }
            assertEquals(27, sx / mass, 1.5);
            assertEquals(17, sy / mass, 1.5);
        }
        Files.delete(dir.resolve("2.json"));
        DataInputException e = assertThrows(DataInputException.class, () -> UnityEyesFolderReader.read(dir));
        assertTrue(e.getMessage().contains("2.jpg") && e.getMessage().contains("2.json"), e.getMessage());
    }

    @Test
    void jsonReaderHandlesUnityEyesValueKinds() {
        Object v = Json.parse("{\"a\": [1, -2.5e1, \"x\\\"y\"], \"b\": {\"c\": null, \"d\": false}}");
        assertEquals("{a=[1.0, -25.0, x\"y], b={c=null, d=false}}", v.toString());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2}"));
    }
}
