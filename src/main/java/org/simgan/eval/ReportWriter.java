package org.simgan.eval;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.simgan.data.EyeDataset;
import org.simgan.data.Normalization;
import org.simgan.io.AtomicFile;
import org.simgan.io.AtomicFolder;
import org.simgan.io.Montage;
import org.simgan.refine.ImageModel;

/**
 * Writes an {@link Evaluation.Result} as a report folder: {@value #SUMMARY_TXT} (every figure and setting, for
 * people), {@value #SUMMARY_CSV} ({@code section,metric,value}, for programs), {@value #MONTAGE} (rows: synthetic,
 * refined, real), {@value #HISTOGRAMS} (pixel intensities per set) and {@value #ROC} (the C2ST ROC curves).
 * The folder appears complete or not at all ({@link AtomicFolder}): a failed write (a full disk) leaves no partial
 * report, and an earlier report in the same folder is replaced whole.
 */
public final class ReportWriter {
    public static final String SUMMARY_TXT = "summary.txt", SUMMARY_CSV = "summary.csv", MONTAGE = "montage.png",
            HISTOGRAMS = "histograms.png", ROC = "c2st_roc.png", TRANSFER = "transfer_curve.png";

    /** Every file of a report: a folder holding only these is an earlier report, which a new one may replace. */
    public static final Set<String> FILES = Set.of(SUMMARY_TXT, SUMMARY_CSV, MONTAGE, HISTOGRAMS, ROC, TRANSFER);

    private ReportWriter() {
    }

    /** Checks, before the work, that a report can be written into {@code dir} (see {@link AtomicFolder#check}). */
    public static void check(Path dir) throws IOException {
        AtomicFolder.check(dir, FILES);
    }

    public static void write(Evaluation.Result r, Map<String, String> inputs, Path dir) throws IOException {
        AtomicFolder.write(dir, FILES, folder -> writeFiles(r, inputs, folder));
    }

    private static void writeFiles(Evaluation.Result r, Map<String, String> inputs, Path dir) throws IOException {
        List<String[]> rows = rows(r, inputs);
        StringBuilder csv = new StringBuilder("section,metric,value\n");
        for (String[] row : rows) csv.append(row[0]).append(',').append(row[1]).append(',').append(csvText(row[2])).append('\n');
        AtomicFile.write(dir.resolve(SUMMARY_CSV), csv.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(dir.resolve(SUMMARY_TXT), text(r, rows).getBytes(StandardCharsets.UTF_8));
        Montage.savePng(Montage.grid(List.of(montageRow(r.synthetic()), montageRow(r.refined()), montageRow(r.real())),
                MONTAGE_COUNT, r.real().height(), r.real().width(), -1, 1, 2), dir.resolve(MONTAGE));
        Montage.savePng(histograms(r), dir.resolve(HISTOGRAMS));
        Montage.savePng(rocPlot(r), dir.resolve(ROC));
        if (r.transfer() != null) Montage.savePng(transferPlot(r.transfer()), dir.resolve(TRANSFER));
    }

    /** The paper's figure 7: the share of target images within d degrees, one curve per training set. */
    public static java.awt.image.BufferedImage transferPlot(GazeTransfer.Result t) {
        List<Plots.Series> series = new ArrayList<>();
        double[] d = new double[GazeTransfer.PLOT_DEGREES + 1];
        for (int i = 0; i < d.length; i++) d[i] = i;
        List<GazeTransfer.Row> rows = t.rows();
        for (int k = 0; k < rows.size(); k++) {
            GazeTransfer.Row row = rows.get(k);
            double[] c = row.curve(GazeTransfer.PLOT_DEGREES);
            for (int i = 0; i < c.length; i++) c[i] *= 100;
            series.add(new Plots.Series(String.format(Locale.ROOT, "trained on %s: mean %.1f deg", row.trainedOn(), row.accuracy().meanDegrees()),
                    Plots.PALETTE[k], d, c, false));
        }
        return Plots.lines("Gaze estimation on the target (" + t.targetImages() + " images)", "distance from ground truth (degrees)",
                "percentage of images", series, 0, GazeTransfer.PLOT_DEGREES, 0, 100);
    }

    static final int MONTAGE_COUNT = 12;

    /** The first images of a set scaled to [-1, 1], so sets of different bit depths share one grey scale. */
    private static float[] montageRow(EyeDataset ds) {
        int n = Math.min(MONTAGE_COUNT, ds.size());
        return ImageModel.batch(ds, ImageModel.all(n), 0, n, Normalization.forBitDepth(ds.bitDepth())::toModel, "the montage's images");
    }

    private static java.awt.image.BufferedImage histograms(Evaluation.Result r) {
        Normalization n = Normalization.forBitDepth(r.real().bitDepth());
        boolean sameDepth = r.synthetic().bitDepth() == r.real().bitDepth() && r.refined().bitDepth() == r.real().bitDepth();
        List<Plots.Series> series = new ArrayList<>();
        double ymax = 0;
        String[] names = {"synthetic", "refined", "real"};
        EyeDataset[] sets = {r.synthetic(), r.refined(), r.real()};
        for (int k = 0; k < 3; k++) {
            double[][] h = sameDepth ? Plots.histogram(sets[k], 64, n.min(), n.max()) : Plots.histogram(scaled(sets[k]), 64, -1, 1);
            for (double v : h[1]) ymax = Math.max(ymax, v);
            series.add(new Plots.Series(names[k] + " (" + sets[k].size() + ")", Plots.PALETTE[k], h[0], h[1], false));
        }
        double lo = sameDepth ? n.min() : -1, hi = sameDepth ? n.max() : 1;
        return Plots.lines("Pixel intensities", sameDepth ? "intensity" : "intensity scaled to [-1, 1]", "share of pixels", series, lo, hi, 0,
                Math.max(1e-6, ymax * 1.1));
    }

    private static EyeDataset scaled(EyeDataset ds) {
        Normalization n = Normalization.forBitDepth(ds.bitDepth());
        float[][] px = new float[ds.size()][];
        for (int i = 0; i < px.length; i++) px[i] = ImageModel.batch(ds, new int[] {i}, 0, 1, n::toModel, "the histograms' images");
        return new EyeDataset(ds.width(), ds.height(), 32, px, ds.labels().toArray(new org.simgan.data.SliceLabel[0]));
    }

    private static java.awt.image.BufferedImage rocPlot(Evaluation.Result r) {
        List<Plots.Series> series = new ArrayList<>();
        C2st.Result[] results = r.c2stRows().toArray(new C2st.Result[0]);
        for (int k = 0; k < results.length; k++) {
            List<C2st.Run> runs = results[k].runs();
            for (int i = 0; i < runs.size(); i++) {
                double[][] c = runs.get(i).rocCurve();
                String name = i == 0 ? String.format(Locale.ROOT, "%s vs real, AUC %.3f", results[k].candidate(), results[k].auc()) : null;
                series.add(new Plots.Series(name, Plots.PALETTE[k], c[0], c[1], false));
            }
        }
        series.add(new Plots.Series("chance", Color.GRAY, new double[] {0, 1}, new double[] {0, 1}, true));
        return Plots.lines("C2ST ROC (held out, one curve per run)", "false positive rate (real called candidate)",
                "true positive rate", series, 0, 1, 0, 1);
    }

    /** The {@code section, metric, value} rows of {@value #SUMMARY_CSV}: inputs, settings, data, every figure, times. */
    public static List<String[]> rows(Evaluation.Result r, Map<String, String> inputs) {
        List<String[]> rows = new ArrayList<>();
        inputs.forEach((k, v) -> rows.add(new String[] {"input", k, v}));
        rows.add(new String[] {"input", "refiner", r.refinerDescription()});
        r.settings().toMap().forEach((k, v) -> rows.add(new String[] {"setting", k, v}));
        rows.add(new String[] {"data", "synthetic_images", Integer.toString(r.synthetic().size())});
        rows.add(new String[] {"data", "real_images", Integer.toString(r.real().size())});
        rows.add(new String[] {"data", "size", r.real().width() + "x" + r.real().height()});
        Evaluation.OtherCollections oc = r.collections();
        if (oc.main() != null) {
            rows.add(new String[] {"data", "real_main_collection", oc.main()});
            rows.add(new String[] {"data", "real_main_collection_share", f(oc.mainShare())});
            rows.add(new String[] {"data", "real_other_collections", String.join(" ", oc.others())});
        }
        for (C2st.Result c : r.c2stRows()) {
            String s = "c2st_" + c.candidate().replace(" (held out)", "_held_out").replace(" (other collections)", "_other_collections").replace(' ', '_') + "_vs_real";
            rows.add(new String[] {s, "train_per_set", Integer.toString(c.trainPerSet())});
            rows.add(new String[] {s, "test_per_set", Integer.toString(c.testPerSet())});
            rows.add(new String[] {s, "accuracy", f(c.accuracy())});
            rows.add(new String[] {s, "accuracy_ci95_low", f(c.accuracyLow())});
            rows.add(new String[] {s, "accuracy_ci95_high", f(c.accuracyHigh())});
            rows.add(new String[] {s, "auc", f(c.auc())});
            rows.add(new String[] {s, "auc_ci95_low", f(c.aucLow())});
            rows.add(new String[] {s, "auc_ci95_high", f(c.aucHigh())});
            for (C2st.Run run : c.runs()) {
                rows.add(new String[] {s, "run_seed" + run.seed() + "_accuracy", f(run.accuracy())});
                rows.add(new String[] {s, "run_seed" + run.seed() + "_auc", f(run.auc())});
                rows.add(new String[] {s, "run_seed" + run.seed() + "_final_loss", f(run.finalLoss())});
            }
        }
        rows.add(new String[] {"realism", "auc_change_refined_minus_synthetic", f(r.aucChange())});
        rows.add(new String[] {"labels", "mean_abs_change_grey_levels", f(r.meanAbsChange())});
        rows.add(new String[] {"labels", "pupil_centre_shift_px", f(r.pupilShift())});
        LabelPreservation.Result l = r.labels();
        if (l == null) {
            rows.add(new String[] {"labels", "gaze", "skipped: synthetic images without gaze labels"});
        } else {
            rows.add(new String[] {"labels", "gaze_train_images", Integer.toString(l.trainImages())});
            rows.add(new String[] {"labels", "gaze_test_images", Integer.toString(l.testImages())});
            rows.add(new String[] {"labels", "gaze_final_train_loss", f(l.finalLoss())});
            accuracyRows(rows, "gaze_on_synthetic", l.synthetic());
            accuracyRows(rows, "gaze_on_refined", l.refined());
            accuracyRows(rows, "gaze_mean_baseline", l.meanGazeBaseline());
            rows.add(new String[] {"labels", "label_cost_deg", f(l.labelCostDegrees())});
        }
        GazeTransfer.Result t = r.transfer();
        if (t != null) {
            rows.add(new String[] {"transfer", "target_images", Integer.toString(t.targetImages())});
            for (GazeTransfer.Row row : t.rows()) {
                String p = row.trainedOn().replace(' ', '_') + "_trained";
                rows.add(new String[] {"transfer", p + "_train_images", Integer.toString(row.trainImages())});
                rows.add(new String[] {"transfer", p + "_mean_deg", f(row.accuracy().meanDegrees())});
                rows.add(new String[] {"transfer", p + "_mean_ci95_low", f(row.meanLow())});
                rows.add(new String[] {"transfer", p + "_mean_ci95_high", f(row.meanHigh())});
                rows.add(new String[] {"transfer", p + "_median_deg", f(row.accuracy().medianDegrees())});
                rows.add(new String[] {"transfer", p + "_within7", f(row.accuracy().within7())});
                double[] c = row.curve(GazeTransfer.PLOT_DEGREES);
                for (int d = 0; d < c.length; d++) rows.add(new String[] {"transfer", p + "_within" + d + "_deg", f(c[d])});
            }
            rows.add(new String[] {"transfer", "ratio_refined_over_synthetic", f(t.ratio())});
            rows.add(new String[] {"transfer", "intervals_apart", Boolean.toString(t.intervalsApart())});
        }
        r.seconds().forEach((k, v) -> rows.add(new String[] {"time", k + "_seconds", String.format(Locale.ROOT, "%.1f", v)}));
        return rows;
    }

    private static void accuracyRows(List<String[]> rows, String p, GazeAccuracy a) {
        rows.add(new String[] {"labels", p + "_mean_deg", f(a.meanDegrees())});
        rows.add(new String[] {"labels", p + "_median_deg", f(a.medianDegrees())});
        rows.add(new String[] {"labels", p + "_within5", f(a.within5())});
        rows.add(new String[] {"labels", p + "_within7", f(a.within7())});
        rows.add(new String[] {"labels", p + "_within10", f(a.within10())});
    }

    private static String text(Evaluation.Result r, List<String[]> rows) {
        StringBuilder b = new StringBuilder();
        b.append("SimGAN refinement evaluation\n============================\n\n");
        b.append("Realism (two-sample classifier test; 50% / AUC 0.5 = indistinguishable from real, 95% bootstrap intervals):\n");
        for (C2st.Result c : r.c2stRows()) b.append("  ").append(c.describe()).append('\n');
        b.append("  (\"real (held out)\" is the calibration: half of the real images against the other half, the reference of every row"
                + (r.otherCollections() == null ? "" : "; \"" + Evaluation.OtherCollections.ROW + "\" are the held-out real images that are not of "
                + r.collections().main() + ", the largest collection: how often this test tells real eyes of other people and sessions from the reference")
                + (r.preparedVsReal() == null ? "" : "; \"prepared\" are the synthetic images as the refiner receives them, after its fixed preprocessing")
                + ")\n");
        if (r.otherCollections() == null && r.collections().main() != null) b.append("  (").append(r.collections().describe()).append(")\n");
        b.append(String.format(Locale.ROOT, "  AUC change (refined - synthetic): %+.3f%n%n", r.aucChange()));
        b.append("Label preservation:\n");
        b.append(String.format(Locale.ROOT, "  mean |R(x) - x|: %.3f grey levels%n", r.meanAbsChange()));
        if (r.preparedVsReal() != null) b.append("  (measured from the prepared images: what the network changed, not its fixed preprocessing)\n");
        b.append(String.format(Locale.ROOT, "  mean pupil centre shift (darkest-blob centroid, synthetic vs refined): %.3f px%n", r.pupilShift()));
        if (r.labels() == null) {
            b.append("  gaze: skipped (the synthetic images carry no gaze labels)\n");
        } else {
            LabelPreservation.Result l = r.labels();
            b.append("  gaze estimator trained on ").append(l.trainImages()).append(" synthetic images, tested on ").append(l.testImages()).append(":\n");
            b.append("    on synthetic: ").append(l.synthetic().describe()).append('\n');
            b.append("    on refined:   ").append(l.refined().describe()).append('\n');
            b.append("    mean gaze:    ").append(l.meanGazeBaseline().describe()).append('\n');
            b.append(String.format(Locale.ROOT, "  label cost (refined - synthetic mean error): %+.2f deg%n", l.labelCostDegrees()));
        }
        if (r.transfer() != null) {
            GazeTransfer.Result t = r.transfer();
            b.append("\nGaze transfer (the same estimator trained on each set, tested on the ").append(t.targetImages()).append(" labelled target images):\n");
            for (GazeTransfer.Row row : t.rows()) b.append("  ").append(row.describe()).append('\n');
            b.append(String.format(Locale.ROOT, "  refined-trained / synthetic-trained mean error: %.3f (%s); curve in %s%n", t.ratio(),
                    t.intervalsApart() ? "95% intervals apart" : "95% intervals overlap", TRANSFER));
        }
        b.append("\nEvery figure and setting (as in ").append(SUMMARY_CSV).append("):\n");
        for (String[] row : rows) b.append(String.format(Locale.ROOT, "  %-26s %-40s %s%n", row[0], row[1], row[2]));
        return b.toString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
