package org.simgan.eval;

import java.util.Arrays;
import org.simgan.data.EyeDataset;

/**
 * A pupil centre measured from the pixels alone, to see whether refinement moves the pupil: the darkest spot of the
 * 3x3-smoothed image, refined to the darkness-weighted centroid of the pixels within 4 pixels of it that are darker
 * than halfway between that spot and its surroundings (the 60th percentile of a 15x15 window). Coordinates are in
 * pixels, the centre of the top-left pixel being (0, 0). It is a simple measurement: on the simulator's images it lands
 * a median of about 2.3 pixels from the true pupil centre, mostly above it (the upper iris and lid shadow are dark
 * too), so use it to compare synthetic with refined images (the same bias on both), not as an absolute position.
 */
public final class PupilCentre {
    private PupilCentre() {
    }

    /** {x, y} of the pupil centre of one image. */
    public static double[] find(float[] px, int w, int h) {
        int bx = w / 2, by = h / 2;
        double best = Double.MAX_VALUE;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                double s = 0;
                for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) s += px[(y + dy) * w + x + dx];
                if (s < best) {
                    best = s;
                    bx = x;
                    by = y;
                }
            }
        }
        float[] win = new float[15 * 15];
        int n = 0;
        for (int y = Math.max(0, by - 7); y <= Math.min(h - 1, by + 7); y++) {
            for (int x = Math.max(0, bx - 7); x <= Math.min(w - 1, bx + 7); x++) win[n++] = px[y * w + x];
        }
        float[] sorted = Arrays.copyOf(win, n);
        Arrays.sort(sorted);
        double t = (best / 9 + sorted[(int) (0.6 * (n - 1))]) / 2;
        double sw = 0, sx = 0, sy = 0;
        for (int y = Math.max(0, by - 4); y <= Math.min(h - 1, by + 4); y++) {
            for (int x = Math.max(0, bx - 4); x <= Math.min(w - 1, bx + 4); x++) {
                double wt = t - px[y * w + x];
                if (wt > 0 && (x - bx) * (x - bx) + (y - by) * (y - by) <= 16) {
                    sw += wt;
                    sx += wt * x;
                    sy += wt * y;
                }
            }
        }
        return sw > 0 ? new double[] {sx / sw, sy / sw} : new double[] {bx, by};
    }

    /** The mean distance, in pixels, between the pupil centres found in each synthetic image and in its refined version. */
    public static double meanShift(EyeDataset synthetic, EyeDataset refined) {
        Images.checkSameSize(synthetic, "synthetic", refined, "refined");
        if (synthetic.size() != refined.size()) throw new IllegalArgumentException("synthetic and refined images must pair up");
        if (synthetic.size() == 0) return 0;
        double sum = 0;
        for (int i = 0; i < synthetic.size(); i++) {
            double[] a = find(synthetic.pixels(i), synthetic.width(), synthetic.height());
            double[] b = find(refined.pixels(i), refined.width(), refined.height());
            sum += Math.hypot(a[0] - b[0], a[1] - b[1]);
        }
        return sum / synthetic.size();
    }
}
