package org.simgan.data;

import java.util.Locale;

/**
 * A gaze direction as a 3-D look vector in camera coordinates, as UnityEyes' {@code look_vec}: x to the image's
 * right, y up, z away from the camera (a camera-facing eye looks along -z). Pitch is the upward angle, yaw the angle
 * to the image's right, both in radians.
 * <p>
 * The components are kept as given (a label read from text is written back with the same digits); the angles and
 * {@link #unit()} use the normalised direction.
 */
public record Gaze(double x, double y, double z) {

    public Gaze {
        double n = Math.sqrt(x * x + y * y + z * z);
        if (!(n > 0) || !Double.isFinite(n)) {
            throw new IllegalArgumentException("a gaze vector must be finite and non-zero, got (" + x + ", " + y + ", " + z + ")");
        }
    }

    /** The same direction with length 1. */
    public Gaze unit() {
        double n = Math.sqrt(x * x + y * y + z * z);
        return n == 1 ? this : new Gaze(x / n, y / n, z / n);
    }

    /** From pitch (up) and yaw (right), in radians. */
    public static Gaze fromPitchYaw(double pitch, double yaw) {
        return new Gaze(Math.cos(pitch) * Math.sin(yaw), Math.sin(pitch), -Math.cos(pitch) * Math.cos(yaw));
    }

    public double pitch() {
        Gaze u = unit();
        return Math.asin(Math.max(-1, Math.min(1, u.y)));
    }

    public double yaw() {
        return Math.atan2(x, -z);
    }

    /** The angle between two gaze directions, in degrees. */
    public double angleDegrees(Gaze other) {
        Gaze a = unit(), b = other.unit();
        double d = a.x * b.x + a.y * b.y + a.z * b.z;
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, d))));
    }

    /** The value part of the slice-label line, for example {@code 0.3404,0.3879,-0.8566}. */
    public String format() {
        return String.format(Locale.ROOT, "%.4f,%.4f,%.4f", x, y, z);
    }

    /** Parses {@code x,y,z} (also with spaces or parentheses, and an optional fourth component, as in UnityEyes). */
    public static Gaze parse(String text) {
        String t = text.trim().replace("(", "").replace(")", "").replace("[", "").replace("]", "");
        String[] parts = t.split("[,\\s]+");
        if (parts.length < 3) {
            throw new IllegalArgumentException("a gaze needs three numbers x,y,z, got '" + text + "'");
        }
        try {
            return new Gaze(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a gaze needs three numbers x,y,z, got '" + text + "'");
        }
    }
}
