package org.simgan.sim;

import java.util.Locale;
import java.util.SplittableRandom;

import org.simgan.data.Gaze;

/**
 * The gaze directions the simulator draws from: pitch (up) and yaw (to the image's right) uniform in the given
 * ranges, in degrees. The default, {@link #DEFAULT}, matches the spread of the pupil positions in MPIIGaze's normalised eye
 * crops (the shared real data): their darkest-blob centres lie within 9 pixels across and 5 up and down for 90% of the
 * crops, as the simulator's do in this range; {@link #UNITYEYES_LIKE} is the wider range of UnityEyes' defaults.
 */
public record GazeRange(double pitchMinDeg, double pitchMaxDeg, double yawMinDeg, double yawMaxDeg) {

    /** Pitch -25..+25 degrees, yaw -35..+35 degrees. */
    public static final GazeRange UNITYEYES_LIKE = new GazeRange(-25, 25, -35, 35);

    /** Pitch -10..+10 degrees, yaw -15..+15 degrees: what {@code render} draws unless told otherwise. */
    public static final GazeRange DEFAULT = new GazeRange(-10, 10, -15, 15);

    public GazeRange {
        if (!(pitchMinDeg <= pitchMaxDeg) || !(yawMinDeg <= yawMaxDeg)) {
            throw new IllegalArgumentException("gaze range needs min <= max, got pitch " + pitchMinDeg + ".." + pitchMaxDeg
                    + ", yaw " + yawMinDeg + ".." + yawMaxDeg);
        }
        if (pitchMinDeg < -60 || pitchMaxDeg > 60 || yawMinDeg < -60 || yawMaxDeg > 60) {
            throw new IllegalArgumentException("gaze range must stay within -60..60 degrees (the iris would leave the visible"
                    + " side of the eyeball), got pitch " + pitchMinDeg + ".." + pitchMaxDeg + ", yaw " + yawMinDeg + ".." + yawMaxDeg);
        }
    }

    /** A random gaze, uniform in pitch and yaw. */
    public Gaze sample(SplittableRandom random) {
        double pitch = pitchMinDeg + (pitchMaxDeg - pitchMinDeg) * random.nextDouble();
        double yaw = yawMinDeg + (yawMaxDeg - yawMinDeg) * random.nextDouble();
        return GeometryMath.gaze(pitch, yaw);
    }

    /** Parses {@code pitch=-10:10,yaw=-15:15} (either part may be left out to keep the default's). */
    public static GazeRange parse(String text) {
        double[] p = {DEFAULT.pitchMinDeg, DEFAULT.pitchMaxDeg};
        double[] y = {DEFAULT.yawMinDeg, DEFAULT.yawMaxDeg};
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("gaze range: expected pitch=MIN:MAX,yaw=MIN:MAX, got '" + text + "'");
            double[] target = switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                case "pitch" -> p;
                case "yaw" -> y;
                default -> throw new IllegalArgumentException("gaze range: unknown part '" + kv[0] + "' (use pitch and yaw)");
            };
            String[] mm = kv[1].trim().split(":");
            try {
                if (mm.length != 2) throw new NumberFormatException();
                target[0] = Double.parseDouble(mm[0]);
                target[1] = Double.parseDouble(mm[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("gaze range: expected MIN:MAX degrees, got '" + kv[1] + "'");
            }
        }
        return new GazeRange(p[0], p[1], y[0], y[1]);
    }

    public String format() {
        return String.format(Locale.ROOT, "pitch=%s:%s,yaw=%s:%s", num(pitchMinDeg), num(pitchMaxDeg), num(yawMinDeg), num(yawMaxDeg));
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
