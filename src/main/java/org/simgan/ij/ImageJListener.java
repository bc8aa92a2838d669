package org.simgan.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.ImageWindow;
import ij.gui.Plot;
import ij.process.ByteProcessor;
import java.awt.Button;
import java.awt.Color;
import java.awt.EventQueue;
import java.awt.FlowLayout;
import java.awt.Panel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.simgan.io.Montage;
import org.simgan.train.PrintingListener;
import org.simgan.train.StepReport;

/**
 * Training and refining as ImageJ shows them: the {@link PrintingListener}'s text in the Log window, each step's line
 * (with its ETA) in the status bar, progress in the progress bar, and (when windows may be opened) one live plot of
 * losses and discriminator accuracies, updated in place, and a preview window of synthetic (top row) beside refined
 * images (bottom row), refreshed whenever the trainer sends a preview.
 * Esc, or the preview window's Stop button, asks the work to stop at its next step.
 */
public final class ImageJListener extends PrintingListener {
    private static final String[] SERIES = {"refiner loss", "discriminator loss", "D accuracy on real", "D accuracy on refined"};
    private static final Color[] COLORS = {Color.BLUE, Color.RED, new Color(0, 150, 0), Color.ORANGE};
    private static final long REDRAW_MS = 500;

    private final String title;
    private final boolean windows;
    private final SeriesData[] series = new SeriesData[SERIES.length];
    private Plot plot;
    private ImagePlus preview;
    private long lastDraw;

    private static final class SeriesData {
        double[] x = new double[64], y = new double[64];
        int n;

        void add(double xv, double yv) {
            if (Double.isNaN(yv)) return;
            if (n == x.length) {
                x = java.util.Arrays.copyOf(x, n * 2);
                y = java.util.Arrays.copyOf(y, n * 2);
            }
            x[n] = xv;
            y[n++] = yv;
        }

        double[] xs() {
            return n == 0 ? new double[] {0} : java.util.Arrays.copyOf(x, n);
        }

        double[] ys() {
            return n == 0 ? new double[] {Double.NaN} : java.util.Arrays.copyOf(y, n);
        }
    }

    /**
     * @param title   names the windows and prefixes status lines
     * @param windows whether the plot and preview windows may be shown (false headless or in batch mode)
     */
    public ImageJListener(String title, boolean windows) {
        super(sink(title, windows));
        this.title = title;
        this.windows = windows;
        for (int i = 0; i < series.length; i++) series[i] = new SeriesData();
        IJ.resetEscape();
    }

    /** ImageJ's places for text: the Log window, the status bar (prefixed with the title) and the progress bar. */
    private static Sink sink(String title, boolean windows) {
        return new Sink() {
            @Override
            public void line(String line) {
                IJ.log(line);
            }

            @Override
            public void status(String line) {
                IJ.showStatus(title + ": " + line + (windows ? "  (Esc stops)" : ""));
            }

            @Override
            public void progress(long done, long total) {
                IJ.showProgress((int) Math.min(done, Integer.MAX_VALUE), (int) Math.min(total, Integer.MAX_VALUE));
            }
        };
    }

    @Override
    public boolean cancelRequested() {
        if (IJ.escapePressed()) requestStop();
        return super.cancelRequested();
    }

    @Override
    public void step(StepReport r) {
        super.step(r);
        double[] values = {r.refinerLoss(), r.discLoss(), r.accuracyReal(), r.accuracyRefined()};
        for (int i = 0; i < values.length; i++) series[i].add(r.step(), values[i]);
        long now = System.currentTimeMillis();
        if (windows && (now - lastDraw >= REDRAW_MS || r.step() == r.totalSteps())) {
            lastDraw = now;
            drawPlot();
        }
    }

    /** The Log window gets every 100th step and the last (the status bar shows each). */
    @Override
    protected boolean logsStep(StepReport r) {
        return r.step() % 100 == 0 || r.step() == r.totalSteps();
    }

    @Override
    protected String checkpointLine(long step, Path file) {
        return "step " + step + ": saved " + file;
    }

    /** The live plot (null before the first step, or without windows). */
    public Plot plot() {
        return plot;
    }

    private synchronized void drawPlot() {
        if (plot == null) {
            plot = new Plot(title + " losses", "step", "loss / accuracy");
            for (int i = 0; i < SERIES.length; i++) {
                plot.setColor(COLORS[i]);
                plot.addPoints(series[i].xs(), series[i].ys(), Plot.LINE);
            }
            plot.setColor(Color.BLACK);
            plot.addLegend(String.join("\t", SERIES));
            plot.setLimitsToFit(false);
            plot.show();
        } else {
            for (int i = 0; i < SERIES.length; i++) {
                plot.setColor(COLORS[i]); // replace() draws in the current colour
                plot.replace(i, "line", series[i].xs(), series[i].ys());
                plot.setLabel(i, SERIES[i]);
            }
            plot.setColor(Color.BLACK);
            plot.setLimitsToFit(true);
        }
    }

    @Override
    public void preview(long step, int count, int height, int width, float[] synthetic, float[] refined) {
        if (!windows) return;
        int zoom = width < 100 ? 3 : 1;
        ByteProcessor ip = new ByteProcessor(Montage.grid(List.of(synthetic, refined), count, height, width, -1, 1, zoom));
        String t = String.format(Locale.ROOT, "%s preview, step %d (top: synthetic, bottom: refined)", title, step);
        EventQueue.invokeLater(() -> showPreview(ip, t));
    }

    private void showPreview(ByteProcessor ip, String t) {
        if (preview == null || preview.getWindow() == null) {
            preview = new ImagePlus(t, ip);
            ImageWindow win = new ImageWindow(preview);
            Panel buttons = new Panel(new FlowLayout(FlowLayout.RIGHT));
            Button stopButton = new Button("Stop training");
            stopButton.addActionListener(e -> {
                requestStop();
                stopButton.setEnabled(false);
                IJ.showStatus(title + ": stopping after this step...");
            });
            buttons.add(stopButton);
            win.add(buttons);
            win.pack();
        } else {
            preview.setProcessor(t, ip);
            preview.updateAndDraw();
        }
    }
}
