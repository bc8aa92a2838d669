package org.simgan.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.simgan.data.Gaze;

/** The label is true: the pupil seen in the pixels is where the look vector and the returned pupil centre say. */
class EyeRendererTest {
    private final EyeRenderer renderer = new EyeRenderer();
    /** Wide open, no glint: the whole pupil is visible for every gaze of the sweeps below. */
    private final Appearance open = Appearance.typical().withEyeOpenness(3.0).withGlint(0);

    @Test
    void pupilMovesRightWithPositiveYawAndMatchesTheLabel() {
        double previous = Double.NEGATIVE_INFINITY;
        double centreX = (renderer.width() - 1) / 2.0;
        for (int yaw = -35; yaw <= 35; yaw += 5) {
            RenderedEye e = renderer.render(GeometryMath.gaze(0, yaw), open);
            assertTrue(e.pupilVisibleFraction() > 0.999 && e.pupilLidClearance() > 1, "pupil hidden at yaw " + yaw + ": " + e);
            double[] m = PupilFinder.centre(e.pixels(), e.width(), e.height());
            assertTrue(m[0] > previous + 0.5, "pupil x must grow with yaw: " + m[0] + " after " + previous + " at yaw " + yaw);
            previous = m[0];
            if (yaw != 0) assertEquals(Math.signum(yaw), Math.signum(m[0] - centreX), "left/right sign at yaw " + yaw);
            assertEquals(e.pupilX(), m[0], 1.0, "measured vs labelled pupil x at yaw " + yaw);
            assertEquals(e.pupilY(), m[1], 1.0, "measured vs labelled pupil y at yaw " + yaw);
            assertEquals(yaw, e.yawDegrees(), 1e-9);
        }
    }

    @Test
    void pupilMovesUpWithPositivePitchAndMatchesTheLabel() {
        double previous = Double.POSITIVE_INFINITY;
        double centreY = (renderer.height() - 1) / 2.0;
        for (int pitch = -20; pitch <= 20; pitch += 5) {
            RenderedEye e = renderer.render(GeometryMath.gaze(pitch, 10), open);
            assertTrue(e.pupilVisibleFraction() > 0.999 && e.pupilLidClearance() > 1, "pupil hidden at pitch " + pitch + ": " + e);
            double[] m = PupilFinder.centre(e.pixels(), e.width(), e.height());
            // image y grows downwards: looking up moves the pupil to smaller y
            assertTrue(m[1] < previous - 0.3, "pupil y must fall as pitch rises: " + m[1] + " after " + previous + " at pitch " + pitch);
            previous = m[1];
            if (pitch != 0) assertEquals(-Math.signum(pitch), Math.signum(m[1] - centreY), "up/down sign at pitch " + pitch);
            assertEquals(e.pupilX(), m[0], 1.0, "measured vs labelled pupil x at pitch " + pitch);
            assertEquals(e.pupilY(), m[1], 1.0, "measured vs labelled pupil y at pitch " + pitch);
            assertEquals(pitch, e.pitchDegrees(), 1e-9);
        }
    }

    /**
     * Open eye: the whole pupil inside the image and at least a pixel clear of both lid margins (a pupil touching the
     * dark lash line merges with it in any darkest-blob measurement).
     */
    @Test
    void labelHoldsForRandomAppearancesWithAnOpenEye() {
        EyeSimulator sim = new EyeSimulator(7);
        int checked = 0;
        double sum = 0;
        for (int i = 0; i < 400 && checked < 80; i++) {
            // the finder looks for the dark pupil inside a lighter iris: most irises are drawn nearly as dark as the
            // pupil, which gives it nothing to find, so each random appearance is rendered with a lighter iris (the
            // label comes from the geometry, not from the shades)
            Appearance a = sim.appearance(i);
            RenderedEye e = sim.renderer().render(sim.gaze(i), a.withShades(0.3, a.scleraShade(), a.skinShade()));
            if (e.pupilVisibleFraction() < 0.999 || e.pupilLidClearance() < 1.0) continue;
            double[] m = PupilFinder.centre(e.pixels(), e.width(), e.height());
            assertEquals(e.pupilX(), m[0], 1.0, "image " + i + " pupil x; " + e.appearance());
            assertEquals(e.pupilY(), m[1], 1.0, "image " + i + " pupil y; " + e.appearance());
            sum += Math.hypot(e.pupilX() - m[0], e.pupilY() - m[1]);
            checked++;
        }
        assertTrue(checked >= 60, "too few open-eye renders to check: " + checked);
        assertTrue(sum / checked < 0.3, "mean distance between measured and labelled pupil centre: " + sum / checked);
    }

    @Test
    void pupilVisibilityReportsLidsAndImageBorder() {
        RenderedEye open = renderer.render(GeometryMath.gaze(0, 0), this.open);
        assertEquals(1.0, open.pupilVisibleFraction(), 1e-3);
        assertTrue(open.pupilLidClearance() > 3, "clearance " + open.pupilLidClearance());
        // lids almost shut: the pupil is mostly hidden and the clearance is negative
        RenderedEye shut = renderer.render(GeometryMath.gaze(-25, 0), this.open.withEyeOpenness(-2.5));
        assertTrue(shut.pupilVisibleFraction() < 0.5, "visible " + shut.pupilVisibleFraction());
        assertTrue(shut.pupilLidClearance() < 0, "clearance " + shut.pupilLidClearance());
        // eye shifted so that the pupil is half out of the image: half hidden by the border, though the lids are open
        double s = renderer.pixelsPerMm(this.open);
        RenderedEye cut = renderer.render(GeometryMath.gaze(0, 0), this.open.withHeadPose(0, 0, 0, -27.0 / s, 0));
        assertEquals(0.0, cut.pupilX(), 1e-9);
        assertEquals(0.5, cut.pupilVisibleFraction(), 0.1, "the pixel column at x = 0 covers -0.5..0.5");
    }

    @Test
    void headPoseMovesTheLidsButNotTheLabel() {
        Gaze g = GeometryMath.gaze(5, -15);
        RenderedEye straight = renderer.render(g, open);
        RenderedEye tilted = renderer.render(g, open.withHeadPose(12, 15, -8, 0, 0));
        assertEquals(straight.pupilX(), tilted.pupilX(), 1e-12);
        assertEquals(straight.pupilY(), tilted.pupilY(), 1e-12);
        assertFalse(java.util.Arrays.equals(straight.pixels(), tilted.pixels()), "head pose must change the eye region");
        double[] m = PupilFinder.centre(tilted.pixels(), tilted.width(), tilted.height());
        assertEquals(tilted.pupilX(), m[0], 1.0);
        assertEquals(tilted.pupilY(), m[1], 1.0);
        // shifting the head shifts everything, label included
        RenderedEye shifted = renderer.render(g, open.withHeadPose(0, 0, 0, 2, -1));
        double s = renderer.pixelsPerMm(open);
        assertEquals(straight.pupilX() + 2 * s, shifted.pupilX(), 1e-9);
        assertEquals(straight.pupilY() + 1 * s, shifted.pupilY(), 1e-9);
    }

    @Test
    void lidsCloseWhenLookingDown() {
        Appearance a = Appearance.typical().withShades(0.3, 0.85, 0.25);
        RenderedEye up = renderer.render(GeometryMath.gaze(20, 0), a);
        RenderedEye down = renderer.render(GeometryMath.gaze(-25, 0), a);
        double sclera = 0.5 * 255 * a.scleraShade();
        assertTrue(countAbove(up, sclera) > countAbove(down, sclera) * 1.3,
                "looking down must narrow the opening: bright pixels up " + countAbove(up, sclera) + ", down " + countAbove(down, sclera));
        assertTrue(down.pupilVisibleFraction() < up.pupilVisibleFraction() + 1e-9);
    }

    @Test
    void otherSizesScaleTheEye() {
        Gaze g = GeometryMath.gaze(-8, 20);
        RenderedEye small = renderer.render(g, open);
        RenderedEye big = new EyeRenderer(110, 70).render(g, open);
        assertEquals(110 * 70, big.pixels().length);
        assertEquals(2 * (small.pupilX() - 27), big.pupilX() - 54.5, 1e-9);
        double[] m = PupilFinder.centre(big.pixels(), 110, 70);
        assertEquals(big.pupilX(), m[0], 1.0);
        assertEquals(big.pupilY(), m[1], 1.0);
    }

    @Test
    void pixelsAreWholeGreyLevels() {
        RenderedEye e = new EyeSimulator(3).render(0);
        for (float v : e.pixels()) {
            assertTrue(v >= 0 && v <= 255 && v == Math.rint(v), "pixel " + v);
        }
    }

    @Test
    void gazeAwayFromTheCameraIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> renderer.render(new Gaze(0, 0, 1), open));
        assertThrows(IllegalArgumentException.class, () -> renderer.render(new Gaze(1, 0, -0.1), open));
    }

    @Test
    void impossibleAppearancesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> open.withShades(1.5, 0.8, 0.5));
        assertThrows(IllegalArgumentException.class, () -> open.withGlint(-1));
        assertThrows(IllegalArgumentException.class, () -> open.withHeadPose(80, 0, 0, 0, 0));
    }

    @Test
    void sameInputSameBytes() {
        Gaze g = GeometryMath.gaze(3, 4);
        assertArrayEquals(renderer.render(g, Appearance.typical()).pixels(), renderer.render(g, Appearance.typical()).pixels());
    }

    private static int countAbove(RenderedEye e, double level) {
        int n = 0;
        for (float v : e.pixels()) if (v > level) n++;
        return n;
    }
}
