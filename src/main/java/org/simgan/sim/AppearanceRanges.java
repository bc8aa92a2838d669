package org.simgan.sim;

import java.util.SplittableRandom;
import org.simgan.settings.SettingsSchema;

/**
 * The distribution the simulator draws a clean synthetic eye's {@link Appearance} from: for each appearance value a
 * uniform range ({@code ...Min}, {@code ...Max}) or a normal spread ({@code ...Mean}, {@code ...Sd}). {@link #SCHEMA}
 * names every value once; {@code render --appearance FILE} reads them (any subset, as {@code name=value} lines), so
 * the simulator can be fitted to a camera's eye crops (README, "The eye simulator") without changing code. Every
 * range is checked here, so every appearance drawn is valid. The gaze is drawn apart ({@link GazeRange}) and never
 * depends on these values, so the labels stay exact whatever the ranges.
 *
 * <p>Normal spreads use {@link GeometryMath#normal}, which never leaves 3.5 standard deviations.
 */
public record AppearanceRanges(
        double distanceMin, double distanceMax, double headRollSd, double headYawMin, double headYawMax,
        double headPitchMin, double headPitchMax, double shiftSdX, double shiftSdY,
        double halfWidthMin, double halfWidthMax, double opennessMean, double opennessSd, double lidSkewMin, double lidSkewMax,
        double irisRadiusMin, double irisRadiusMax, double pupilRadiusMin, double pupilRadiusMax,
        double irisShadeMin, double irisShadeMax, double scleraMin, double scleraMax, double skinShadeMin, double skinShadeMax,
        double skinShadingMin, double skinShadingMax, double creaseDepthMin, double creaseDepthMax,
        double creaseHeightMin, double creaseHeightMax, double lashDensityMin, double lashDensityMax,
        double noGlintShare, double glintMin, double glintMax,
        double lightRightMin, double lightRightMax, double lightUpMin, double lightUpMax, double lightStrengthMin, double lightStrengthMax,
        double blurMin, double blurMax) {

    /** How far {@link GeometryMath#normal} reaches, in standard deviations. */
    static final double NORMAL_REACH = 2 * 1.7320508075688772;

    public AppearanceRanges {
        range("distance", distanceMin, distanceMax, 0.2, 5, false);
        require(headRollSd >= 0 && headRollSd * NORMAL_REACH <= 45, "head-roll-sd must be 0 to " + fmt(45 / NORMAL_REACH) + " degrees (rolls stay within 45), got " + headRollSd);
        range("head-yaw", headYawMin, headYawMax, -45, 45, true);
        range("head-pitch", headPitchMin, headPitchMax, -45, 45, true);
        require(shiftSdX >= 0 && shiftSdX <= 5 && shiftSdY >= 0 && shiftSdY <= 5, "shift-sd-x and shift-sd-y must be 0 to 5 mm, got " + shiftSdX + " and " + shiftSdY);
        range("half-width", halfWidthMin, halfWidthMax, 8, 20, false);
        require(Double.isFinite(opennessMean) && Math.abs(opennessMean) <= 6 && opennessSd >= 0 && opennessSd <= 3,
                "openness-mean must be within 6 mm and openness-sd 0 to 3 mm, got " + opennessMean + " and " + opennessSd);
        range("lid-skew", lidSkewMin, lidSkewMax, -1, 1, true);
        range("iris-radius", irisRadiusMin, irisRadiusMax, 3, 8, false);
        range("pupil-radius", pupilRadiusMin, pupilRadiusMax, 0.3, 8, false);
        require(pupilRadiusMax < 0.85 * irisRadiusMin, "pupil-radius-max must stay below 0.85 x iris-radius-min (" + fmt(0.85 * irisRadiusMin) + " mm), got " + pupilRadiusMax);
        range("iris-shade", irisShadeMin, irisShadeMax, 0, 1, true);
        range("sclera", scleraMin, scleraMax, 0, 4, true);
        range("skin-shade", skinShadeMin, skinShadeMax, 0, 1, true);
        range("skin-shading", skinShadingMin, skinShadingMax, 0, 3, true);
        range("crease-depth", creaseDepthMin, creaseDepthMax, 0, 3, true);
        range("crease-height", creaseHeightMin, creaseHeightMax, 0.5, 12, true);
        range("lash-density", lashDensityMin, lashDensityMax, 0, 3, true);
        require(noGlintShare >= 0 && noGlintShare <= 1, "no-glint-share must be 0 to 1, got " + noGlintShare);
        range("glint", glintMin, glintMax, 0, 3, true);
        range("light-right", lightRightMin, lightRightMax, -3, 3, true);
        range("light-up", lightUpMin, lightUpMax, -3, 3, true);
        range("light-strength", lightStrengthMin, lightStrengthMax, 0, 3, true);
        range("blur", blurMin, blurMax, 0, 3, true);
    }

    private static void range(String name, double min, double max, double lo, double hi, boolean closed) {
        boolean inside = closed ? min >= lo && max <= hi : min > lo && max < hi;
        require(Double.isFinite(min) && Double.isFinite(max) && min <= max && inside,
                name + "-min and " + name + "-max must satisfy " + fmt(lo) + (closed ? " <= " : " < ") + "min <= max" + (closed ? " <= " : " < ") + fmt(hi)
                        + ", got " + min + " and " + max);
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException("appearance: " + message);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }

    /** The one description of every value, in the record's order. */
    public static final SettingsSchema<AppearanceRanges> SCHEMA = SettingsSchema.of(AppearanceRanges.class)
            .number("distance-min", "camera distance, relative (1 = nominal framing; larger draws the eye smaller): from")
            .number("distance-max", "camera distance: to")
            .number("head-roll-sd", "in-plane tilt of the eye region, degrees: standard deviation around 0")
            .number("head-yaw-min", "head turned to the image's right, degrees: from")
            .number("head-yaw-max", "head yaw: to")
            .number("head-pitch-min", "head tilted up, degrees: from")
            .number("head-pitch-max", "head pitch: to")
            .number("shift-sd-x", "eyeball offset against the eye corners, to the right, mm: standard deviation")
            .number("shift-sd-y", "eyeball offset against the eye corners, up, mm: standard deviation")
            .number("half-width-min", "half the distance between the eye corners, mm: from")
            .number("half-width-max", "half width: to")
            .number("openness-mean", "how much wider than usual the lids are open, mm (negative: narrower): mean")
            .number("openness-sd", "openness: standard deviation")
            .number("lid-skew-min", "tilt of the upper lid's highest point towards a corner (-1..1): from")
            .number("lid-skew-max", "lid skew: to")
            .number("iris-radius-min", "iris radius, mm: from")
            .number("iris-radius-max", "iris radius: to")
            .number("pupil-radius-min", "pupil radius, mm: from")
            .number("pupil-radius-max", "pupil radius: to (below 0.85 x iris-radius-min)")
            .number("iris-shade-min", "iris intensity (0 black .. 1 white): from")
            .number("iris-shade-max", "iris shade: to")
            .number("sclera-min", "white of the eye as a multiple of the skin shade (at most 1 in the end): from")
            .number("sclera-max", "sclera: to")
            .number("skin-shade-min", "skin intensity (0..1): from")
            .number("skin-shade-max", "skin shade: to")
            .number("skin-shading-min", "strength of the skin's relief shading (brow, lid bulge, under-eye): from")
            .number("skin-shading-max", "skin shading: to")
            .number("crease-depth-min", "darkness of the upper-eyelid crease (0 none): from")
            .number("crease-depth-max", "crease depth: to")
            .number("crease-height-min", "height of the crease above the lid margin, mm: from")
            .number("crease-height-max", "crease height: to")
            .number("lash-density-min", "darkness of the eyelashes along the upper lid (0 none): from")
            .number("lash-density-max", "lash density: to")
            .number("no-glint-share", "share of eyes without a corneal reflection (0..1)")
            .number("glint-min", "brightness of the corneal reflection: from")
            .number("glint-max", "glint: to")
            .number("light-right-min", "direction the light comes from, right part: from")
            .number("light-right-max", "light right: to")
            .number("light-up-min", "direction the light comes from, up part: from")
            .number("light-up-max", "light up: to")
            .number("light-strength-min", "contrast of the directional light against ambient light (0 flat): from")
            .number("light-strength-max", "light strength: to")
            .number("blur-min", "Gaussian blur, pixels: from")
            .number("blur-max", "blur: to")
            .build();

    /** The ranges tuned by hand against the real crops' mean and spread images (commit 2d3d752): the defaults. */
    public static AppearanceRanges handTuned() {
        return new AppearanceRanges(0.96, 1.04, 2, -20, 20, -12, 12, 0.5, 0.5, 13, 15, -1.2, 0.6, -0.35, 0.35,
                5.4, 6.4, 1.7, 2.9, 0.02, 0.15, 0.95, 1.3, 0.32, 0.6, 0.15, 0.6, 0.5, 1.0, 2.5, 5.5, 0.6, 1.0,
                0.15, 0.3, 1.0, -0.7, 0.7, -0.3, 0.8, 0.1, 0.7, 0.6, 1.4);
    }

    /** The ranges {@code render} draws clean synthetic eyes from when none are given. */
    public static AppearanceRanges defaults() {
        return handTuned();
    }

    /**
     * The camera-style stand-in's ranges ({@link #drawCameraStandIn}): more open eyes, lighter irises, no blur beyond
     * the camera's own defocus; its sclera values are shades of their own, not multiples of the skin's.
     */
    static final AppearanceRanges CAMERA_STANDIN = new AppearanceRanges(0.96, 1.04, 2, -20, 20, -12, 12, 0.5, 0.5, 13, 15, 0, 0.6, -0.35, 0.35,
            5.4, 6.4, 1.7, 2.9, 0.04, 0.2, 0.4, 0.65, 0.25, 0.55, 0.3, 0.7, 0.4, 0.9, 2.5, 5.5, 0.6, 1.0,
            0.15, 0.3, 1.0, -0.7, 0.7, -0.3, 0.8, 0.1, 0.7, 0.0, 0.6);

    /**
     * The ranges a text file gives: one {@code name=value} per line (names of {@link #SCHEMA}; blank lines and lines
     * starting with # are skipped), every value not given as in {@code base}.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed line, an unknown name or a bad value
     */
    public static AppearanceRanges read(java.nio.file.Path file, AppearanceRanges base) throws java.io.IOException {
        if (!java.nio.file.Files.isRegularFile(file)) throw new java.io.FileNotFoundException("no appearance file " + file);
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        java.util.List<String> lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected name=value, got '" + line + "'");
            String name = line.substring(0, eq).strip();
            if (values.put(name, line.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": '" + name + "' is given twice");
            }
        }
        try {
            return SCHEMA.fromMap(values, base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The ranges a render of {@code style} draws from: the defaults, or those of {@code file} (null for none) over
     * them. A file is for the clean synthetic style only: the camera-style stand-in keeps its own ranges.
     *
     * @throws IllegalArgumentException for a file with the camera style, or whatever {@link #read} refuses
     */
    public static AppearanceRanges forStyle(Style style, java.nio.file.Path file) throws java.io.IOException {
        if (file == null) return defaults();
        if (style == Style.CAMERA_STANDIN) {
            throw new IllegalArgumentException("an appearance file sets the clean synthetic style's ranges; leave it out with the camera style");
        }
        return read(file, defaults());
    }

    /** The ranges as the lines {@link #read} takes, one {@code name=value} per setting, in order. */
    public String format() {
        StringBuilder b = new StringBuilder();
        SCHEMA.byName(this).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    /** Draws an appearance (clean synthetic style); a fixed number of values from {@code r}, in a fixed order. */
    public Appearance draw(SplittableRandom r) {
        return draw(r, false);
    }

    /**
     * Draws a camera-style stand-in's appearance: the sclera is a shade of its own, and camera effects are drawn
     * after the rest ({@link CameraEffects#random}).
     */
    Appearance drawCameraStandIn(SplittableRandom r) {
        return draw(r, true);
    }

    private Appearance draw(SplittableRandom r, boolean cameraStyle) {
        double distance = GeometryMath.uniform(r, distanceMin, distanceMax);
        double roll = GeometryMath.normal(r) * headRollSd;
        double yaw = GeometryMath.uniform(r, headYawMin, headYawMax);
        double pitch = GeometryMath.uniform(r, headPitchMin, headPitchMax);
        double sx = GeometryMath.normal(r) * shiftSdX;
        double sy = GeometryMath.normal(r) * shiftSdY;
        boolean innerLeft = r.nextBoolean();
        double halfWidth = GeometryMath.uniform(r, halfWidthMin, halfWidthMax);
        double openness = GeometryMath.normal(r) * opennessSd + opennessMean;
        double skew = GeometryMath.uniform(r, lidSkewMin, lidSkewMax);
        double irisR = GeometryMath.uniform(r, irisRadiusMin, irisRadiusMax);
        double pupilR = GeometryMath.uniform(r, pupilRadiusMin, pupilRadiusMax);
        double iris = GeometryMath.uniform(r, irisShadeMin, irisShadeMax);
        double sclera = GeometryMath.uniform(r, scleraMin, scleraMax);
        double skin = GeometryMath.uniform(r, skinShadeMin, skinShadeMax);
        if (!cameraStyle) sclera = Math.min(1, sclera * skin); // the white of the eye follows the skin around it
        double skinShading = GeometryMath.uniform(r, skinShadingMin, skinShadingMax);
        double crease = GeometryMath.uniform(r, creaseDepthMin, creaseDepthMax);
        double creaseH = GeometryMath.uniform(r, creaseHeightMin, creaseHeightMax);
        double lashes = GeometryMath.uniform(r, lashDensityMin, lashDensityMax);
        double glint = r.nextDouble() < noGlintShare ? 0 : GeometryMath.uniform(r, glintMin, glintMax);
        double lx = GeometryMath.uniform(r, lightRightMin, lightRightMax);
        double ly = GeometryMath.uniform(r, lightUpMin, lightUpMax);
        double strength = GeometryMath.uniform(r, lightStrengthMin, lightStrengthMax);
        double blur = GeometryMath.uniform(r, blurMin, blurMax);
        long textureSeed = r.nextLong();
        CameraEffects effects = cameraStyle ? CameraEffects.random(r) : CameraEffects.NONE;
        return new Appearance(distance, roll, yaw, pitch, sx, sy, innerLeft, halfWidth, openness, skew,
                irisR, pupilR, iris, sclera, skin, skinShading, crease, creaseH, lashes,
                glint, lx, ly, strength, blur, textureSeed, effects, true);
    }
}
