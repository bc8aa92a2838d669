package org.simgan.sim;

import org.simgan.data.Gaze;

/**
 * Small numeric helpers of the simulator. Everything that decides pixel values uses only +, -, *, /, sqrt and
 * {@link StrictMath}, so the same seed gives the same bytes on every Java platform.
 */
final class GeometryMath {
    private GeometryMath() {
    }

    /** A gaze from pitch (up) and yaw (right) in degrees, computed with StrictMath (platform-independent bits). */
    static Gaze gaze(double pitchDeg, double yawDeg) {
        double p = StrictMath.toRadians(pitchDeg);
        double y = StrictMath.toRadians(yawDeg);
        double cp = StrictMath.cos(p);
        return new Gaze(cp * StrictMath.sin(y), StrictMath.sin(p), -cp * StrictMath.cos(y));
    }

    static double clamp01(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    static double smoothstep(double e0, double e1, double x) {
        double t = clamp01((x - e0) / (e1 - e0));
        return t * t * (3 - 2 * t);
    }

    /** atan2 approximation (max error about 0.0015 rad) from +, *, / only; result in [-pi, pi]. */
    static double atan2(double y, double x) {
        double ax = Math.abs(x);
        double ay = Math.abs(y);
        double mx = Math.max(ax, ay);
        if (mx == 0) return 0;
        double a = Math.min(ax, ay) / mx;
        double s = a * a;
        double r = ((-0.0464964749 * s + 0.15931422) * s - 0.327622764) * s * a + a;
        if (ay > ax) r = 1.5707963267948966 - r;
        if (x < 0) r = Math.PI - r;
        if (y < 0) r = -r;
        return r;
    }

    /** Uniform in [lo, hi). */
    static double uniform(java.util.SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** Approximately standard normal (sum of four uniforms, rescaled): cheap and platform-independent. */
    static double normal(java.util.SplittableRandom r) {
        return (r.nextDouble() + r.nextDouble() + r.nextDouble() + r.nextDouble() - 2.0) * 1.7320508075688772;
    }

    /** Mixes a seed and an index into a well-spread 64-bit seed (the finaliser of SplitMix64). */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
