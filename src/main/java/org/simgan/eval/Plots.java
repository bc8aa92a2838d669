package org.simgan.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** Simple line plots drawn with java.awt for the evaluation report (no plotting library). */
public final class Plots {
    private Plots() {
    }

    /** One curve: a name for the legend, a colour, x and y values. */
    public record Series(String name, Color color, double[] x, double[] y, boolean dashed) {
    }

    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e)};

    /** A plot of the series in the given axis ranges, with axes, ticks, labels and a legend. */
    public static BufferedImage lines(String title, String xLabel, String yLabel, List<Series> series, double x0, double x1, double y0, double y1) {
        int w = 640, h = 480, left = 70, right = 20, top = 40, bottom = 55;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            int pw = w - left - right, ph = h - top - bottom;
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, left, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawRect(left, top, pw, ph);
            for (int i = 0; i <= 5; i++) {
                double xv = x0 + (x1 - x0) * i / 5, yv = y0 + (y1 - y0) * i / 5;
                int px = left + pw * i / 5, py = top + ph - ph * i / 5;
                g.setColor(new Color(230, 230, 230));
                g.drawLine(px, top + 1, px, top + ph - 1);
                g.drawLine(left + 1, py, left + pw - 1, py);
                g.setColor(Color.BLACK);
                g.drawLine(px, top + ph, px, top + ph + 4);
                g.drawLine(left - 4, py, left, py);
                g.drawString(tick(xv, x1 - x0), px - 12, top + ph + 18);
                g.drawString(tick(yv, y1 - y0), left - 50, py + 4);
            }
            g.drawString(xLabel, left + pw / 2 - 4 * xLabel.length(), h - 12);
            Graphics2D gy = (Graphics2D) g.create();
            gy.rotate(-Math.PI / 2);
            gy.drawString(yLabel, -(top + ph / 2 + 4 * yLabel.length()), 16);
            gy.dispose();
            List<int[][]> drawn = new java.util.ArrayList<>();
            for (Series s : series) {
                g.setColor(s.color());
                g.setStroke(stroke(s));
                int[] xs = new int[s.x().length], ys = new int[s.y().length];
                drawn.add(new int[][] {xs, ys});
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = left + (int) Math.round((s.x()[i] - x0) / (x1 - x0) * pw);
                    ys[i] = top + ph - (int) Math.round((Math.max(y0, Math.min(y1, s.y()[i])) - y0) / (y1 - y0) * ph);
                }
                g.drawPolyline(xs, ys, xs.length);
            }
            // the legend on white, as wide as its longest name, in the right-hand corner (upper or lower) that hides
            // fewer curve points
            List<Series> named = series.stream().filter(s -> s.name() != null && !s.name().isEmpty()).toList();
            if (!named.isEmpty()) {
                int textWidth = 0;
                for (Series s : named) textWidth = Math.max(textWidth, g.getFontMetrics().stringWidth(s.name()));
                int boxW = Math.min(pw - 8, textWidth + 44), boxH = 16 * named.size() + 8;
                int bx = left + pw - boxW - 4, lower = top + ph - boxH - 4, upper = top + 4;
                int by = hidden(drawn, bx, lower, boxW, boxH) <= hidden(drawn, bx, upper, boxW, boxH) ? lower : upper;
                g.setColor(Color.WHITE);
                g.fillRect(bx, by, boxW, boxH);
                g.setColor(Color.LIGHT_GRAY);
                g.setStroke(new BasicStroke(1f));
                g.drawRect(bx, by, boxW, boxH);
                int legendY = by + 16;
                for (Series s : named) {
                    g.setColor(s.color());
                    g.setStroke(stroke(s));
                    g.drawLine(bx + 6, legendY - 4, bx + 31, legendY - 4);
                    g.setColor(Color.BLACK);
                    g.drawString(s.name(), bx + 38, legendY);
                    legendY += 16;
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static int hidden(List<int[][]> curves, int x, int y, int w, int h) {
        int n = 0;
        for (int[][] c : curves) {
            for (int i = 0; i < c[0].length; i++) {
                if (c[0][i] >= x && c[0][i] <= x + w && c[1][i] >= y && c[1][i] <= y + h) n++;
            }
        }
        return n;
    }

    private static BasicStroke stroke(Series s) {
        return s.dashed() ? new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0)
                : new BasicStroke(1.8f);
    }

    /** A tick label with enough decimals to tell ticks a fifth of {@code range} apart. */
    private static String tick(double v, double range) {
        if (range >= 50) return Long.toString(Math.round(v));
        int decimals = Math.max(1, (int) Math.ceil(-Math.log10(range / 5)) + 1);
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Share of pixels per intensity bin ({@code bins} equal bins over [lo, hi]) of every image of a set: [2][bins]. */
    public static double[][] histogram(org.simgan.data.EyeDataset ds, int bins, double lo, double hi) {
        double[] count = new double[bins];
        long total = 0;
        for (int i = 0; i < ds.size(); i++) {
            for (float v : ds.pixels(i)) {
                int b = (int) Math.floor((v - lo) / (hi - lo) * bins);
                count[Math.max(0, Math.min(bins - 1, b))]++;
                total++;
            }
        }
        double[] x = new double[bins];
        for (int b = 0; b < bins; b++) {
            x[b] = lo + (hi - lo) * (b + 0.5) / bins;
            count[b] = total == 0 ? 0 : count[b] / total;
        }
        return new double[][] {x, count};
    }
}
