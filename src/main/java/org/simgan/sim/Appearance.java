package org.simgan.sim;

import java.util.SplittableRandom;

/**
 * Everything about one rendered eye except its gaze: head pose, camera distance, eye shape, shades, lighting and the
 * camera-style effects. Lengths are in millimetres on the eye (the eyeball radius is {@link EyeRenderer#EYEBALL_RADIUS_MM}),
 * shades are intensities in 0..1 before lighting. Together with a gaze it fixes the image exactly.
 *
 * @param cameraDistance  relative camera distance: 1 is the nominal framing, larger draws the eye smaller
 * @param headRollDeg     in-plane tilt of the eye region (eyelids, corners), degrees, positive counter-clockwise
 * @param headYawDeg      head turned to the image's right, degrees: foreshortens the eyelids horizontally
 * @param headPitchDeg    head tilted up, degrees: foreshortens the eyelids vertically; the lids follow the gaze
 *                        relative to the head
 * @param shiftX          eyeball centre offset from the image centre, mm, to the right
 * @param shiftY          eyeball centre offset from the image centre, mm, up
 * @param innerCornerLeft true when the inner corner (caruncle, nose side) is at the image's left
 * @param eyeHalfWidth    half the distance between the eye corners, mm
 * @param eyeOpenness     how much wider than usual the lids are open, mm (negative: narrower)
 * @param lidSkew         tilts the highest point of the upper lid towards one corner (-1..1)
 * @param irisRadius      mm
 * @param pupilRadius     mm
 * @param irisShade       iris intensity (0 black .. 1 white)
 * @param scleraShade     white of the eye
 * @param skinShade       skin intensity
 * @param skinShading     strength of the skin's relief shading (brow, lid bulge, under-eye)
 * @param creaseDepth     darkness of the upper-eyelid crease (0 none)
 * @param creaseHeight    height of the crease above the lid margin, mm
 * @param lashDensity     darkness of the eyelashes along the upper lid (0 none)
 * @param glint           brightness of the corneal reflection (0 none)
 * @param lightX          direction the light comes from, x (right) part, -1..1
 * @param lightY          the same, y (up) part
 * @param lightStrength   contrast of the directional light against ambient light (0 flat)
 * @param blurSigma       slight Gaussian blur, pixels (0 none)
 * @param textureSeed     seed of the iris, eyelash and (camera-style) noise textures
 * @param camera          camera-style degradation; {@link CameraEffects#NONE} for clean synthetic renders
 * @param framedByCorners frame the image by the eye corners, as MPIIGaze's normalised crops (the corners' midpoint at a
 *                        fixed point, their distance a fixed share of the width, the shift moving the eyeball against
 *                        them), instead of by the eyeball (its centre at the image centre plus the shift)
 */
public record Appearance(
        double cameraDistance,
        double headRollDeg, double headYawDeg, double headPitchDeg, double shiftX, double shiftY,
        boolean innerCornerLeft, double eyeHalfWidth, double eyeOpenness, double lidSkew,
        double irisRadius, double pupilRadius, double irisShade, double scleraShade,
        double skinShade, double skinShading, double creaseDepth, double creaseHeight, double lashDensity,
        double glint, double lightX, double lightY, double lightStrength, double blurSigma,
        long textureSeed, CameraEffects camera, boolean framedByCorners) {

    public Appearance {
        if (!(cameraDistance > 0.2 && cameraDistance < 5)) throw new IllegalArgumentException("cameraDistance must be in 0.2..5, got " + cameraDistance);
        if (!(irisRadius > 3 && irisRadius < 8)) throw new IllegalArgumentException("irisRadius must be in 3..8 mm, got " + irisRadius);
        if (!(pupilRadius > 0.3 && pupilRadius < irisRadius * 0.85)) {
            throw new IllegalArgumentException("pupilRadius must be in 0.3 mm .. 0.85 x irisRadius, got " + pupilRadius);
        }
        if (!(eyeHalfWidth > 8 && eyeHalfWidth < 20)) throw new IllegalArgumentException("eyeHalfWidth must be in 8..20 mm, got " + eyeHalfWidth);
        if (Math.abs(headRollDeg) > 45 || Math.abs(headYawDeg) > 45 || Math.abs(headPitchDeg) > 45) {
            throw new IllegalArgumentException("head angles must be within 45 degrees");
        }
        if (!(blurSigma >= 0 && blurSigma <= 3)) throw new IllegalArgumentException("blurSigma must be in 0..3 px, got " + blurSigma);
        for (double shade : new double[] {irisShade, scleraShade, skinShade}) {
            if (!(shade >= 0 && shade <= 1)) throw new IllegalArgumentException("shades must be in 0..1, got " + shade);
        }
        if (!(glint >= 0 && lashDensity >= 0 && creaseDepth >= 0 && skinShading >= 0 && lightStrength >= 0 && creaseHeight > 0)) {
            throw new IllegalArgumentException("glint, lashDensity, creaseDepth, skinShading and lightStrength must be >= 0, creaseHeight > 0");
        }
        if (camera == null) camera = CameraEffects.NONE;
    }

    /** A fixed, typical appearance: frontal head, open eye, mid shades, light from the upper left, no camera effects. */
    public static Appearance typical() {
        return new Appearance(1.0, 0, 0, 0, 0, 0, true, 14.0, 0.0, 0.0,
                6.0, 2.2, 0.33, 0.80, 0.52, 0.25, 0.25, 4.0, 0.6,
                0.8, -0.3, 0.4, 0.45, 0.35, 12345L, CameraEffects.NONE, false);
    }

    /**
     * A random appearance for {@code style}: clean synthetic eyes from {@link AppearanceRanges#defaults()}, camera-style
     * stand-ins from their own ranges; draws a fixed number of values from {@code r} in a fixed order.
     */
    public static Appearance random(SplittableRandom r, Style style) {
        return style == Style.CAMERA_STANDIN ? AppearanceRanges.CAMERA_STANDIN.drawCameraStandIn(r) : AppearanceRanges.defaults().draw(r);
    }

    /** This appearance with a different eye openness (mm). */
    public Appearance withEyeOpenness(double mm) {
        return new Appearance(cameraDistance, headRollDeg, headYawDeg, headPitchDeg, shiftX, shiftY, innerCornerLeft, eyeHalfWidth,
                mm, lidSkew, irisRadius, pupilRadius, irisShade, scleraShade, skinShade, skinShading, creaseDepth, creaseHeight,
                lashDensity, glint, lightX, lightY, lightStrength, blurSigma, textureSeed, camera, framedByCorners);
    }

    /** This appearance framed by the eye corners (MPIIGaze's crops) or by the eyeball (UnityEyes' crops). */
    public Appearance withFramedByCorners(boolean corners) {
        return new Appearance(cameraDistance, headRollDeg, headYawDeg, headPitchDeg, shiftX, shiftY, innerCornerLeft, eyeHalfWidth,
                eyeOpenness, lidSkew, irisRadius, pupilRadius, irisShade, scleraShade, skinShade, skinShading, creaseDepth, creaseHeight,
                lashDensity, glint, lightX, lightY, lightStrength, blurSigma, textureSeed, camera, corners);
    }

    /** This appearance with a different corneal glint brightness. */
    public Appearance withGlint(double brightness) {
        return new Appearance(cameraDistance, headRollDeg, headYawDeg, headPitchDeg, shiftX, shiftY, innerCornerLeft, eyeHalfWidth,
                eyeOpenness, lidSkew, irisRadius, pupilRadius, irisShade, scleraShade, skinShade, skinShading, creaseDepth, creaseHeight,
                lashDensity, brightness, lightX, lightY, lightStrength, blurSigma, textureSeed, camera, framedByCorners);
    }

    /** This appearance with a different head pose (degrees) and eyeball offset (mm). */
    public Appearance withHeadPose(double rollDeg, double yawDeg, double pitchDeg, double shiftXmm, double shiftYmm) {
        return new Appearance(cameraDistance, rollDeg, yawDeg, pitchDeg, shiftXmm, shiftYmm, innerCornerLeft, eyeHalfWidth,
                eyeOpenness, lidSkew, irisRadius, pupilRadius, irisShade, scleraShade, skinShade, skinShading, creaseDepth, creaseHeight,
                lashDensity, glint, lightX, lightY, lightStrength, blurSigma, textureSeed, camera, framedByCorners);
    }

    /** This appearance with different iris, sclera and skin shades. */
    public Appearance withShades(double iris, double sclera, double skin) {
        return new Appearance(cameraDistance, headRollDeg, headYawDeg, headPitchDeg, shiftX, shiftY, innerCornerLeft, eyeHalfWidth,
                eyeOpenness, lidSkew, irisRadius, pupilRadius, iris, sclera, skin, skinShading, creaseDepth, creaseHeight,
                lashDensity, glint, lightX, lightY, lightStrength, blurSigma, textureSeed, camera, framedByCorners);
    }
}
