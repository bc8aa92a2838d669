package org.simgan.sim;

import java.util.SplittableRandom;

/**
 * The camera-style degradation of a {@linkplain Style#CAMERA_STANDIN camera-style stand-in} image (never real data),
 * applied after the clean render. {@link #NONE} leaves the clean render unchanged.
 *
 * @param noiseSigma          sensor noise, standard deviation in grey levels of 255
 * @param defocusSigma        extra Gaussian blur, pixels
 * @param illuminationX       direction of an uneven-illumination ramp across the image (x part)
 * @param illuminationY       the same, y part
 * @param illuminationAmount  how strongly brightness changes along that ramp (0 = even), plus a vignette of the same size
 * @param contrast            multiplies contrast around mid-grey (1 = unchanged)
 * @param gamma               output = input^gamma (1 = unchanged)
 * @param skinTexture         amplitude of a blotchy pore-scale texture on skin, fraction of intensity
 * @param equalize            histogram-equalise the final image (as MPIIGaze's normalised crops)
 */
public record CameraEffects(double noiseSigma, double defocusSigma, double illuminationX, double illuminationY,
                            double illuminationAmount, double contrast, double gamma, double skinTexture, boolean equalize) {

    public static final CameraEffects NONE = new CameraEffects(0, 0, 0, 0, 0, 1, 1, 0, false);

    public boolean isNone() {
        return equals(NONE);
    }

    /** Random camera effects, spread roughly like MPIIGaze's normalised eye crops. */
    public static CameraEffects random(SplittableRandom r) {
        double angle = GeometryMath.uniform(r, 0, 2 * Math.PI);
        return new CameraEffects(
                GeometryMath.uniform(r, 1.0, 5.0),
                GeometryMath.uniform(r, 0.7, 1.5),
                StrictMath.cos(angle),
                StrictMath.sin(angle),
                GeometryMath.uniform(r, 0.05, 0.45),
                GeometryMath.uniform(r, 0.8, 1.4),
                GeometryMath.uniform(r, 0.7, 1.4),
                GeometryMath.uniform(r, 0.03, 0.1),
                r.nextDouble() < 0.9);
    }
}
