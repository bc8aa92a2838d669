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

/**
 * Plugins > SimGAN > Evaluate Refinement: measures a refiner as the command line's {@code evaluate} does (the shared
 * {@link EvaluationJob}): realism of synthetic and refined images against real ones (C2ST), the gaze label cost and
 * the pixel change, written as a report folder. The report's rows ({@code section, metric, value}, those of
 * summary.csv) go into the results table {@value #TABLE}; the montage and ROC plot open unless in batch mode or
 * without a display. Macro options: {@code synthetic=TITLE_OR_FILE real=TITLE_OR_FILE [model=FILE.onnx]
 * output=FOLDER device=cpu|cuda} and every evaluation setting by its command-line name ({@code max-images=2000
 * c2st-runs=3 c2st-steps=300 c2st-held-out=0.3 gaze-steps=1000 gaze-scale=4 gaze-held-out=0.2 seed=1}). No model: the
 * loaded refiner.
 */
public class EvaluateRefinementPlugin implements PlugIn {
    static final String COMMAND = "Evaluate Refinement";
    static final String TABLE = "SimGAN Evaluation";

    @Override
    public void run(String arg) {
        Commands.run(COMMAND, () -> {
            Options o = Options.of(COMMAND)
                    .message("synthetic, real: the title of an open stack, or a file (HDF5, TIFF) or folder of images; model: empty for the loaded refiner")
                    .file("synthetic", "").file("real", "").file("model", "").folder("output", "")
                    .choice("device", new String[] {"cpu", "cuda"}, "cpu");
            for (EvaluationJob.Option e : EvaluationJob.options()) o.string(e.name(), e.defaultValue());
            if (!o.read()) return;
            String syntheticName = o.nextString();
            String realName = o.nextString();
            String modelFile = o.nextString();
            String output = o.nextString();
            Device device = Device.parse(o.nextString());
            Map<String, String> values = new LinkedHashMap<>();
            for (EvaluationJob.Option e : EvaluationJob.options()) values.put(e.name(), o.nextString());
            if (output.isEmpty()) throw new UserError("give the folder to write the report into (output=...)");
            var settings = EvaluationJob.settings(values);
            EyeDataset synthetic = TrainPlugin.dataset(syntheticName, "synthetic");
            EyeDataset real = TrainPlugin.dataset(realName, "real");
            RefinerModel model = CurrentRefiner.require(modelFile, device);
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put("synthetic", syntheticName);
            inputs.put("real", realName);
            IJ.showStatus(COMMAND + ": " + synthetic.size() + " synthetic and " + real.size() + " real images" + (Commands.noWindows() ? "" : " (Esc stops)"));
            EvaluationJob.Report report = EvaluationJob.run(model, synthetic, real, settings, inputs, new Engine(device, 0), Path.of(output),
                    new ImageJListener(COMMAND, false));
            Tables.show(table(report), TABLE);
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
