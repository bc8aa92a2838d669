package org.simgan.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.ImageStacks;
import org.simgan.eval.GazeAccuracy;
import org.simgan.eval.GazeModel;
import org.simgan.eval.GazePredictions;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

/**
 * Plugins > SimGAN > Predict Gaze: runs a gaze estimator ({@code gaze train} of the command line) on every slice of a
 * stack. The result is a new image {@code <title>-gaze}, the same pixels with the predicted gazes in its slice labels
 * (image name, then {@code gaze=x,y,z}); the source is not changed. The results table {@value #TABLE} has one row per
 * slice ({@link GazePredictions#COLUMNS}); where the source slices carry gaze labels the mean error and the shares
 * within 5, 7 and 10 degrees go to the Log. Macro options: {@code model=GAZE.onnx [image=TITLE] batch=256
 * device=cpu|cuda} (no image: the current one).
 */
public class PredictGazePlugin implements PlugIn {
    static final String COMMAND = "Predict Gaze";
    static final String TABLE = "SimGAN Gaze";

    @Override
    public void run(String arg) {
        Commands.run(COMMAND, () -> {
            Options o = Options.of(COMMAND)
                    .message("model: a gaze estimator .onnx (java -jar simgan.jar gaze train); image: title of an open stack (empty: the current image)")
                    .file("model", "").string("image", "").number("batch", 256, 0).choice("device", new String[] {"cpu", "cuda"}, "cpu");
            if (!o.read()) return;
            String modelFile = o.nextString();
            String title = o.nextString();
            int batch = o.nextInt();
            Device device = Device.parse(o.nextString());
            if (modelFile.isEmpty()) {
                throw new UserError("give the gaze estimator (model=/path/gaze.onnx, as written by: java -jar simgan.jar gaze train)");
            }
            ImagePlus source = Commands.image(title, "the stack to predict the gaze of");
            EyeDataset in = ImageStacks.fromImagePlus(source);
            GazePredictions p;
            try (GazeModel model = GazeModel.load(Path.of(modelFile), new Engine(device, 0))) {
                IJ.showStatus(COMMAND + ": " + in.size() + " images of " + source.getTitle());
                p = new GazePredictions(in, model.predict(in, batch, new ImageJListener(COMMAND, false)));
            }
            ImagePlus out = ImageStacks.toImagePlus(p.asDataset(), source.getTitle() + "-gaze");
            out.setCalibration(source.getCalibration());
            out.setProp("SimGAN.gaze_model", Path.of(modelFile).toAbsolutePath().toString());
            out.setProp("SimGAN.source", source.getTitle());
            out.setProp("SimGAN.options", o.asMacroOptions());
            Tables.show(table(p), TABLE);
            GazeAccuracy a = p.accuracy();
            if (a != null) {
                IJ.log(String.format(Locale.ROOT, "%s: %s against the gaze labels of %d of %d slices:", COMMAND, source.getTitle(), p.labelledCount(),
                        in.size()));
                IJ.log(String.format(Locale.ROOT, "  mean error %.2f deg (median %.2f deg)", a.meanDegrees(), a.medianDegrees()));
                IJ.log(String.format(Locale.ROOT, "  within 5 deg: %.1f%%", 100 * a.within5()));
                IJ.log(String.format(Locale.ROOT, "  within 7 deg: %.1f%%", 100 * a.within7()));
                IJ.log(String.format(Locale.ROOT, "  within 10 deg: %.1f%%", 100 * a.within10()));
            }
            IJ.showStatus(COMMAND + ": " + in.size() + " gazes predicted");
            out.show();
        });
    }

    /** One row per slice, the columns of {@link GazePredictions#COLUMNS}; the name stays text, empty label cells stay empty. */
    static ResultsTable table(GazePredictions p) {
        ResultsTable rt = new ResultsTable();
        rt.showRowNumbers(false);
        for (int i = 0; i < p.source().size(); i++) {
            rt.incrementCounter();
            List<String> row = p.row(i);
            for (int c = 0; c < row.size(); c++) {
                String column = GazePredictions.COLUMNS.get(c);
                if (column.equals("name")) rt.addValue(column, row.get(c));
                else Tables.addCell(rt, column, row.get(c));
            }
        }
        for (String column : GazePredictions.COLUMNS) {
            if (!column.equals("slice") && !column.equals("name")) rt.setDecimalPlaces(rt.getColumnIndex(column), 4);
        }
        return rt;
    }
}
