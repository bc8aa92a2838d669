package org.simgan.sim;

import org.simgan.data.Gaze;

/**
 * One rendered eye and its exact label.
 *
 * @param width                 image width, pixels
 * @param height                image height, pixels
 * @param pixels                row-major grey levels 0..255 (whole numbers), {@code width*height} of them; do not modify
 * @param gaze                  the 3-D unit look vector in camera coordinates (as UnityEyes' {@code look_vec})
 * @param pupilX                projected pupil centre, pixels, x to the right; the centre of the top-left pixel is (0, 0)
 * @param pupilY                the same, y down
 * @param pupilVisibleFraction  share of the pupil's area not hidden by the eyelids (1 = fully visible), from the
 *                              anti-aliased coverage
 * @param appearance            everything else used to draw the image
 */
public record RenderedEye(int width, int height, float[] pixels, Gaze gaze, double pupilX, double pupilY,
                          double pupilVisibleFraction, Appearance appearance) {

    /** Upward gaze angle, degrees. */
    public double pitchDegrees() {
        return Math.toDegrees(gaze.pitch());
    }

    /** Gaze angle to the image's right, degrees. */
    public double yawDegrees() {
        return Math.toDegrees(gaze.yaw());
    }

    /** The grey level at column {@code x}, row {@code y}. */
    public float at(int x, int y) {
        return pixels[y * width + x];
    }
}
