package org.simgan.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.eval.EvaluationJob;
import org.simgan.eval.ReportWriter;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;
import org.simgan.settings.SettingsSchema;

/**
 * Plugins > SimGAN > Evaluate Refinement: measures a refiner as the command line's {@code evaluate} does (the shared
 * {@link EvaluationJob}): realism of synthetic and refined images against real ones (C2ST), the gaze label cost and
 * the pixel change, written as a report folder. The report's rows ({@code section, metric, value}, those of
 * summary.csv) go into the results table {@value #TABLE}; the montage and ROC plot open unless in batch mode or
 * without a display. Macro options: {@code synthetic=TITLE_OR_FILE real=TITLE_OR_FILE [model=FILE.onnx]
 * output=FOLDER device=cpu|cuda} and every evaluation setting by its command-line name, rendered from the one
 * description of the settings ({@link EvaluationJob#OPTIONS}: {@code max-images=2000 c2st-runs=3 c2st-steps=300
 * c2st-held-out=0.3 gaze-steps=1000 gaze-scale=4 gaze-held-out=0.2 seed=1}). No model: the loaded refiner.
 */
public class EvaluateRefinementPlugin implements PlugIn {
    static final String COMMAND = "Evaluate Refinement";
    static final String TABLE = "SimGAN Evaluation", TRANSFER_TABLE = "SimGAN Gaze Transfer";

    @Override
    public void run(String arg) {
        Commands.run(COMMAND, () -> {
            Options o = Options.of(COMMAND)
                    .message("synthetic, real: the title of an open stack, or a file (HDF5, TIFF) or folder of images; model: empty for the loaded refiner;\n"
                            + "target (optional): labelled images of the real domain, to test gaze estimators trained on synthetic and on refined images")
                    .file("synthetic", "").file("real", "").file("target", "").file("model", "").folder("output", "")
                    .choice("device", new String[] {"cpu", "cuda"}, "cpu");
            Map<String, String> defaults = EvaluationJob.defaults();
            for (SettingsSchema.Setting s : EvaluationJob.options()) o.setting(s, defaults.get(s.name()));
            if (!o.read()) return;
            String syntheticName = o.nextString();
            String realName = o.nextString();
            String targetName = o.nextString();
            String modelFile = o.nextString();
            String output = o.nextString();
            Device device = Device.parse(o.nextString());
            Map<String, String> values = new LinkedHashMap<>();
            for (String name : EvaluationJob.OPTIONS) values.put(name, o.nextString());
            if (output.isEmpty()) throw new UserError("give the folder to write the report into (output=...)");
            var settings = EvaluationJob.settings(values);
            EyeDataset synthetic = Inputs.dataset(syntheticName, "synthetic");
            EyeDataset real = Inputs.dataset(realName, "real");
            EyeDataset target = targetName.isBlank() ? null : Inputs.dataset(targetName, "target");
            if (target != null) org.simgan.eval.GazeTransfer.checkInputs(synthetic, target);
            RefinerModel model = CurrentRefiner.require(modelFile, device);
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put("synthetic", syntheticName);
            inputs.put("real", realName);
            if (target != null) inputs.put("target", targetName);
            IJ.showStatus(COMMAND + ": " + synthetic.size() + " synthetic and " + real.size() + " real images" + (Commands.noWindows() ? "" : " (Esc stops)"));
            EvaluationJob.Report report = EvaluationJob.run(model, synthetic, real, target, settings, inputs, new Engine(device, 0), Path.of(output),
                    new ImageJListener(COMMAND, false));
            Tables.show(table(report), TABLE);
            if (report.result().transfer() != null) {
                Tables.show(transferTable(report.result().transfer()), TRANSFER_TABLE);
                if (!Commands.noWindows()) transferPlot(report.result().transfer()).show();
            }
            for (String line : report.summaryLines()) IJ.log(COMMAND + ": " + line);
            IJ.showStatus(COMMAND + ": report in " + output);
            if (!Commands.noWindows()) {
                for (String png : new String[] {ReportWriter.MONTAGE, ReportWriter.ROC}) {
                    ImagePlus imp = IJ.openImage(report.folder().resolve(png).toString());
                    if (imp != null) imp.show();
                }
            }
        });
    }

    /** One row per training set: its mean error on the target with the 95% interval, median and share within 7 degrees. */
    static ResultsTable transferTable(org.simgan.eval.GazeTransfer.Result t) {
        ResultsTable rt = new ResultsTable();
        rt.showRowNumbers(false);
        for (org.simgan.eval.GazeTransfer.Row row : t.rows()) {
            rt.incrementCounter();
            rt.addValue("trained on", row.trainedOn());
            rt.addValue("train images", row.trainImages());
            rt.addValue("target images", t.targetImages());
            rt.addValue("mean error (deg)", row.accuracy().meanDegrees());
            rt.addValue("95% low", row.meanLow());
            rt.addValue("95% high", row.meanHigh());
            rt.addValue("median (deg)", row.accuracy().medianDegrees());
            rt.addValue("within 7 deg (%)", 100 * row.accuracy().within7());
        }
        return rt;
    }

    /** The share of target images within d degrees, one curve per training set, as an ImageJ Plot. */
    static ij.gui.Plot transferPlot(org.simgan.eval.GazeTransfer.Result t) {
        ij.gui.Plot plot = new ij.gui.Plot("SimGAN gaze transfer", "distance from ground truth (degrees)", "percentage of images");
        plot.setLimits(0, org.simgan.eval.GazeTransfer.PLOT_DEGREES, 0, 100);
        java.awt.Color[] colours = {java.awt.Color.BLUE, java.awt.Color.GRAY, java.awt.Color.RED};
        java.util.List<org.simgan.eval.GazeTransfer.Row> rows = t.rows();
        StringBuilder legend = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            double[] c = rows.get(k).curve(org.simgan.eval.GazeTransfer.PLOT_DEGREES);
            double[] x = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                x[i] = i;
                c[i] *= 100;
            }
            plot.setColor(colours[k % colours.length]);
            plot.addPoints(x, c, ij.gui.Plot.LINE);
            legend.append(k == 0 ? "" : "\n").append(String.format(java.util.Locale.ROOT, "trained on %s (mean %.1f deg)", rows.get(k).trainedOn(),
                    rows.get(k).accuracy().meanDegrees()));
        }
        plot.setColor(java.awt.Color.BLACK);
        plot.addLegend(legend.toString());
        return plot;
    }

    /** One row per summary.csv row: section and metric as text, value as a number where it is one. */
    static ResultsTable table(EvaluationJob.Report report) {
        ResultsTable rt = new ResultsTable();
        rt.showRowNumbers(false);
        for (String[] row : report.rows()) {
            rt.incrementCounter();
            rt.addValue("section", row[0]);
            rt.addValue("metric", row[1]);
            Tables.addCell(rt, "value", row[2]);
        }
        rt.setDecimalPlaces(rt.getColumnIndex("value"), 4);
        return rt;
    }
}
