package org.simgan.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;

import org.junit.jupiter.api.Test;
import org.simgan.data.EyeDataset;
import org.simgan.progress.Listener;

/** Same seed, same bytes; different seeds and indices, different eyes; the camera-style stand-in is degraded. */
class EyeSimulatorTest {
    /** SHA-256 of the grey levels of images 0..19 of seed 1 (55x35 synthetic). */
    static final String PINNED_SEED1_SHA256 = "e42f89527a81ea9023eb298c6bff09862aa60491d19ba2778913afef43a81662";

    @Test
    void sameSeedSameBytesWhateverTheThreads() {
        EyeDataset parallel = new EyeSimulator(42).renderDataset(64, Listener.NONE);
        EyeSimulator again = new EyeSimulator(42);
        for (int i = 0; i < 64; i++) {
            RenderedEye e = again.render(i);
            assertArrayEquals(e.pixels(), parallel.pixels(i), "image " + i);
            assertEquals(e.gaze(), parallel.label(i).gaze());
            assertEquals(EyeSimulator.name(i), parallel.label(i).name());
        }
        assertEquals("00063", parallel.label(63).name());
    }

    @Test
    void fixedSeedGivesFixedBytes() throws Exception {
        // Pins the output of seed 1 so that any change to the renderer's pixels is noticed (update with care: the
        // sample images in sample-images/ are reproduced from these bytes).
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        EyeSimulator sim = new EyeSimulator(1);
        for (int i = 0; i < 20; i++) {
            for (float v : sim.render(i).pixels()) md.update((byte) (int) v);
        }
        String hex = java.util.HexFormat.of().formatHex(md.digest());
        assertEquals(PINNED_SEED1_SHA256, hex, "renderer output changed: regenerate sample-images/ and update this digest");
    }

    @Test
    void differentSeedsAndIndicesDiffer() {
        EyeSimulator a = new EyeSimulator(1);
        EyeSimulator b = new EyeSimulator(2);
        assertFalse(Arrays.equals(a.render(0).pixels(), b.render(0).pixels()));
        assertFalse(Arrays.equals(a.render(0).pixels(), a.render(1).pixels()));
    }

    @Test
    void appearanceAndGazeSpread() {
        EyeSimulator sim = new EyeSimulator(5);
        DoubleSummaryStatistics pitch = new DoubleSummaryStatistics(), yaw = new DoubleSummaryStatistics();
        DoubleSummaryStatistics mean = new DoubleSummaryStatistics(), iris = new DoubleSummaryStatistics();
        DoubleSummaryStatistics pupil = new DoubleSummaryStatistics(), roll = new DoubleSummaryStatistics();
        int innerLeft = 0, withGlint = 0;
        int n = 200;
        for (int i = 0; i < n; i++) {
            RenderedEye e = sim.render(i);
            pitch.accept(e.pitchDegrees());
            yaw.accept(e.yawDegrees());
            double m = 0;
            for (float v : e.pixels()) m += v;
            mean.accept(m / e.pixels().length);
            Appearance a = e.appearance();
            iris.accept(a.irisShade());
            pupil.accept(a.pupilRadius());
            roll.accept(a.headRollDeg());
            if (a.innerCornerLeft()) innerLeft++;
            if (a.glint() > 0) withGlint++;
            assertTrue(a.camera().isNone(), "synthetic renders have no camera effects");
        }
        assertTrue(pitch.getMin() < -8 && pitch.getMax() > 8 && pitch.getMin() >= -10 && pitch.getMax() <= 10, "pitch " + pitch);
        assertTrue(yaw.getMin() < -12 && yaw.getMax() > 12 && yaw.getMin() >= -15 && yaw.getMax() <= 15, "yaw " + yaw);
        assertTrue(Math.abs(pitch.getAverage()) < 2 && Math.abs(yaw.getAverage()) < 3, "gaze centred: " + pitch + " " + yaw);
        assertTrue(mean.getMax() - mean.getMin() > 40, "image brightness should vary: " + mean);
        assertTrue(iris.getMax() - iris.getMin() > 0.12, "iris shade should vary: " + iris);
        assertTrue(pupil.getMax() - pupil.getMin() > 1.0, "pupil size should vary: " + pupil);
        assertTrue(roll.getMax() - roll.getMin() > 5, "head roll should vary: " + roll);
        assertTrue(innerLeft > n / 4 && innerLeft < 3 * n / 4, "both eye sides: " + innerLeft);
        assertTrue(withGlint > n / 2 && withGlint < n, "glints: " + withGlint);
    }

    @Test
    void gazeRangeOptionIsObeyed() {
        GazeRange narrow = GazeRange.parse("pitch=-5:0,yaw=10:12");
        assertEquals("pitch=-5:0,yaw=10:12", narrow.format());
        EyeSimulator sim = new EyeSimulator(55, 35, Style.SYNTHETIC, narrow, 9);
        for (int i = 0; i < 50; i++) {
            RenderedEye e = sim.render(i);
            assertTrue(e.pitchDegrees() >= -5 - 1e-9 && e.pitchDegrees() <= 1e-9, "pitch " + e.pitchDegrees());
            assertTrue(e.yawDegrees() >= 10 - 1e-9 && e.yawDegrees() <= 12 + 1e-9, "yaw " + e.yawDegrees());
        }
        assertEquals(GazeRange.UNITYEYES_LIKE, GazeRange.parse("pitch=-25:25,yaw=-35:35"));
        assertEquals(new GazeRange(-25, 25, -15, 15), GazeRange.parse("pitch=-25:25"), "a part left out keeps the default's");
        assertThrows(IllegalArgumentException.class, () -> GazeRange.parse("pitch=5:-5"));
        assertThrows(IllegalArgumentException.class, () -> GazeRange.parse("roll=1:2"));
        assertThrows(IllegalArgumentException.class, () -> GazeRange.parse("yaw=-80:0"));
    }

    @Test
    void cameraStandInIsDegradedButKeepsTheGaze() {
        EyeSimulator clean = new EyeSimulator(55, 35, Style.SYNTHETIC, GazeRange.UNITYEYES_LIKE, 11);
        EyeSimulator cam = new EyeSimulator(55, 35, Style.CAMERA_STANDIN, GazeRange.UNITYEYES_LIKE, 11);
        int equalised = 0;
        double roughClean = 0, roughCam = 0;
        for (int i = 0; i < 40; i++) {
            RenderedEye c = clean.render(i);
            RenderedEye r = cam.render(i);
            assertEquals(c.gaze(), r.gaze(), "the style changes the look, not the gaze draw");
            assertNotNull(r.appearance().camera());
            assertFalse(r.appearance().camera().isNone());
            roughClean += roughness(c);
            roughCam += roughness(r);
            float min = 255, max = 0;
            for (float v : r.pixels()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (r.appearance().camera().equalize()) {
                equalised++;
                assertEquals(255, max, "an equalised image reaches white");
            }
        }
        assertTrue(equalised > 20 && equalised < 40, "most but not all camera-style images are equalised: " + equalised);
        assertTrue(roughCam > roughClean * 1.2, "sensor noise and texture make neighbouring pixels differ more: " + roughCam + " vs " + roughClean);
    }

    @Test
    void stylesParse() {
        assertEquals(Style.CAMERA_STANDIN, Style.parse("camera"));
        assertEquals(Style.SYNTHETIC, Style.parse("Synthetic"));
        assertThrows(IllegalArgumentException.class, () -> Style.parse("real"));
    }

    /** Mean absolute difference of horizontally neighbouring pixels, in the top rows (skin). */
    private static double roughness(RenderedEye e) {
        double s = 0;
        int n = 0;
        for (int y = 0; y < 5; y++) {
            for (int x = 1; x < e.width(); x++) {
                s += Math.abs(e.at(x, y) - e.at(x - 1, y));
                n++;
            }
        }
        return s / n;
    }
}
