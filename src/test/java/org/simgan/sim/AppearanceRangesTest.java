package org.simgan.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The appearance ranges: what they draw stays inside them, files read back, and the gaze never depends on them. */
class AppearanceRangesTest {
    @TempDir
    Path dir;

    @Test
    void drawsStayInsideTheRanges() {
        for (AppearanceRanges r : new AppearanceRanges[] {AppearanceRanges.defaults(), AppearanceRanges.handTuned(), narrow()}) {
            SplittableRandom rng = new SplittableRandom(7);
            int glints = 0;
            for (int i = 0; i < 3000; i++) {
                Appearance a = r.draw(rng);
                within(a.cameraDistance(), r.distanceMin(), r.distanceMax(), "distance");
                within(a.headYawDeg(), r.headYawMin(), r.headYawMax(), "head yaw");
                within(a.headPitchDeg(), r.headPitchMin(), r.headPitchMax(), "head pitch");
                within(a.headRollDeg(), -3.47 * r.headRollSd(), 3.47 * r.headRollSd(), "head roll");
                within(a.eyeOpenness(), r.opennessMean() - 3.47 * r.opennessSd(), r.opennessMean() + 3.47 * r.opennessSd(), "openness");
                within(a.irisRadius(), r.irisRadiusMin(), r.irisRadiusMax(), "iris radius");
                within(a.pupilRadius(), r.pupilRadiusMin(), r.pupilRadiusMax(), "pupil radius");
                within(a.irisShade(), r.irisShadeMin(), r.irisShadeMax(), "iris shade");
                within(a.skinShade(), r.skinShadeMin(), r.skinShadeMax(), "skin shade");
                within(a.scleraShade(), Math.min(1, r.scleraMin() * a.skinShade()), Math.min(1, r.scleraMax() * a.skinShade()), "sclera");
                within(a.creaseHeight(), r.creaseHeightMin(), r.creaseHeightMax(), "crease height");
                within(a.blurSigma(), r.blurMin(), r.blurMax(), "blur");
                if (a.glint() > 0) {
                    glints++;
                    within(a.glint(), r.glintMin(), r.glintMax(), "glint");
                }
                assertTrue(a.framedByCorners());
                assertTrue(a.camera().isNone());
            }
            assertEquals(1 - r.noGlintShare(), glints / 3000.0, 0.03, "share of eyes with a glint");
        }
    }

    @Test
    void theGazeDoesNotDependOnTheRanges() {
        EyeSimulator a = new EyeSimulator(55, 35, Style.SYNTHETIC, GazeRange.DEFAULT, AppearanceRanges.handTuned(), 9);
        EyeSimulator b = new EyeSimulator(55, 35, Style.SYNTHETIC, GazeRange.DEFAULT, narrow(), 9);
        for (int i = 0; i < 20; i++) {
            RenderedEye x = a.render(i), y = b.render(i);
            assertEquals(x.gaze(), y.gaze(), "image " + i);
            assertFalse(Arrays.equals(x.pixels(), y.pixels()), "image " + i + " should look different");
        }
    }

    @Test
    void aFileSetsWhatItNamesAndKeepsTheRest() throws Exception {
        Path f = dir.resolve("ranges.txt");
        Files.writeString(f, "# darker irises\n\niris-shade-min = 0.01\niris-shade-max=0.05\nno-glint-share=1\n");
        AppearanceRanges r = AppearanceRanges.read(f, AppearanceRanges.handTuned());
        assertEquals(0.01, r.irisShadeMin());
        assertEquals(0.05, r.irisShadeMax());
        assertEquals(1.0, r.noGlintShare());
        assertEquals(AppearanceRanges.handTuned().blurMax(), r.blurMax());
        assertEquals(AppearanceRanges.handTuned().headYawMin(), r.headYawMin());
        // every setting written by format() reads back to the same record
        Path all = dir.resolve("all.txt");
        Files.writeString(all, narrow().format());
        assertEquals(narrow(), AppearanceRanges.read(all, AppearanceRanges.handTuned()));
        assertEquals(AppearanceRanges.SCHEMA.names().size(), narrow().format().split("\n").length);
    }

    @Test
    void badFilesAreRefusedWithTheFileAndTheProblem() throws Exception {
        assertRefused("iris-shade-min=0.5\n", "iris-shade-min and iris-shade-max");
        assertRefused("irisshade=0.5\n", "unknown setting 'irisshade'");
        assertRefused("blur-max 2\n", "line 1: expected name=value");
        assertRefused("blur-max=2\nblur-max=3\n", "given twice");
        assertRefused("blur-max=lots\n", "needs a number");
        assertRefused("pupil-radius-max=5.2\n", "pupil-radius-max must stay below");
        assertRefused("head-roll-sd=20\n", "head-roll-sd");
        Path missing = dir.resolve("nope.txt");
        Exception e = assertThrows(java.io.FileNotFoundException.class, () -> AppearanceRanges.read(missing, AppearanceRanges.defaults()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    private void assertRefused(String text, String expected) throws Exception {
        Path f = dir.resolve("bad.txt");
        Files.writeString(f, text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AppearanceRanges.read(f, AppearanceRanges.handTuned()));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(f.toString()), e.getMessage());
    }

    /** Ranges far from the defaults in every value. */
    static AppearanceRanges narrow() {
        return new AppearanceRanges(1.1, 1.2, 1, -5, 5, -3, 3, 0.2, 0.3, 12, 12.5, -2, 0.3, -0.1, 0.1,
                5.0, 5.5, 1.5, 2.0, 0.3, 0.35, 0.7, 0.8, 0.4, 0.45, 0.8, 0.9, 0.1, 0.2, 6, 7, 0.2, 0.3,
                0.5, 0.5, 0.6, 0.2, 0.3, 0.0, 0.1, 0.3, 0.4, 1.5, 1.7);
    }

    private static void within(double v, double lo, double hi, String what) {
        assertTrue(v >= lo - 1e-12 && v <= hi + 1e-12, what + " " + v + " outside " + lo + ".." + hi);
    }
}
