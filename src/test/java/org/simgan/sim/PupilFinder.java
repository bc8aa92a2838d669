package org.simgan.sim;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Measures the pupil centre from the pixels alone, for the label tests: the darkest blob. Starts at the darkest pixel
 * of a 3x3-smoothed image, grows an 8-connected region of pixels darker than a threshold halfway between that minimum
 * and the surrounding iris (the 60th percentile of a window around it), and returns the darkness-weighted centroid of
 * the region and its one-pixel border, in pixel coordinates (centre of the top-left pixel = (0, 0)).
 */
final class PupilFinder {
    private PupilFinder() {
    }

    static double[] centre(float[] px, int w, int h) {
        int best = -1;
        double bestV = Double.MAX_VALUE;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                double s = 0;
                for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) s += px[(y + dy) * w + x + dx];
                if (s < bestV) {
                    bestV = s;
                    best = y * w + x;
                }
            }
        }
        int bx = best % w, by = best / w;
        double min = Double.MAX_VALUE;
        int half = 7;
        float[] win = new float[(2 * half + 1) * (2 * half + 1)];
        int n = 0;
        for (int y = Math.max(0, by - half); y <= Math.min(h - 1, by + half); y++) {
            for (int x = Math.max(0, bx - half); x <= Math.min(w - 1, bx + half); x++) {
                float v = px[y * w + x];
                win[n++] = v;
                min = Math.min(min, v);
            }
        }
        float[] sorted = Arrays.copyOf(win, n);
        Arrays.sort(sorted);
        double around = sorted[(int) (n * 0.6)];
        double t = (min + around) / 2;
        boolean[] in = new boolean[w * h];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int start = best;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int k = (by + dy) * w + bx + dx;
                if (px[k] < px[start]) start = k;
            }
        }
        in[start] = true;
        queue.add(start);
        while (!queue.isEmpty()) {
            int k = queue.poll();
            int x = k % w, y = k / w;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int xx = x + dx, yy = y + dy;
                    if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
                    int kk = yy * w + xx;
                    if (!in[kk] && px[kk] < t) {
                        in[kk] = true;
                        queue.add(kk);
                    }
                }
            }
        }
        double sw = 0, sx = 0, sy = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean near = false;
                for (int dy = -1; dy <= 1 && !near; dy++) {
                    for (int dx = -1; dx <= 1 && !near; dx++) {
                        int xx = x + dx, yy = y + dy;
                        near = xx >= 0 && yy >= 0 && xx < w && yy < h && in[yy * w + xx];
                    }
                }
                if (!near) continue;
                double wt = Math.max(0, Math.min(1, (around - px[y * w + x]) / (around - min)));
                sw += wt;
                sx += wt * x;
                sy += wt * y;
            }
        }
        return new double[] {sx / sw, sy / sw};
    }
}
