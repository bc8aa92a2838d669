package org.simgan.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;
import java.nio.file.Files;
import java.nio.file.Path;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.ImageStacks;
import org.simgan.data.io.ReadOptions;
import org.simgan.refine.BioimageioExport;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

/**
 * Plugins > SimGAN > Export as bioimage.io: writes a refiner as a bioimage.io model package (.zip), as the command
 * line's {@code export --bioimageio} does (the shared {@link BioimageioExport}). Macro options: {@code [model=FILE.onnx]
 * synthetic=TITLE_OR_FILE output=FILE.zip samples=4 [name=TEXT] [description=TEXT] [authors=[A; B]] license=CC-BY-4.0
 * [evaluation=FOLDER_OR_summary.csv]} (no model: the loaded refiner).
 */
public class ExportBioimageioPlugin implements PlugIn {
    static final String COMMAND = "Export as bioimage.io";

    @Override
    public void run(String arg) {
        Commands.run(COMMAND, () -> {
            Options o = Options.of(COMMAND)
                    .message("model: empty for the loaded refiner; synthetic: an open stack or a file like the training's synthetic side "
                            + "(a few become the test input); authors separated by ';'; evaluation: a report folder of Evaluate Refinement (optional)")
                    .file("model", "").file("synthetic", "").file("output", "").number("samples", BioimageioExport.DEFAULT_SAMPLES, 0)
                    .string("name", "").string("description", "").string("authors", "").string("license", BioimageioExport.DEFAULT_LICENSE)
                    .file("evaluation", "");
            if (!o.read()) return;
            String modelFile = o.nextString();
            String synthetic = o.nextString();
            String output = o.nextString();
            int samples = o.nextInt();
            String name = o.nextString(), description = o.nextString(), authors = o.nextString(), license = o.nextString();
            String evaluation = o.nextString();
            if (output.isEmpty()) throw new UserError("give the package file to write (output=/path/refiner.zip)");
            if (samples < 1) throw new UserError("'samples' must be 1 or more, got " + samples);
            Path model;
            if (modelFile.isEmpty()) {
                RefinerModel loaded = CurrentRefiner.get();
                if (loaded == null) {
                    throw new UserError("no refiner is loaded: run Plugins > SimGAN > Load Refiner first, or give the model file (model=/path/refiner.onnx)");
                }
                model = loaded.file();
            } else {
                model = Path.of(modelFile);
            }
            EyeDataset picked = samples(synthetic, samples);
            BioimageioExport.Details details = new BioimageioExport.Details(name, description, BioimageioExport.Details.authors(authors), license,
                    evaluation.isEmpty() ? null : Path.of(evaluation));
            String from = WindowManager.getImage(synthetic) != null ? synthetic : Path.of(synthetic).getFileName().toString();
            IJ.showStatus(COMMAND + ": writing " + output);
            BioimageioExport.Result r = BioimageioExport.write(model, picked, from, details, Path.of(output), new Engine(Device.CPU, 0));
            IJ.log(COMMAND + ": " + r.line());
            IJ.showStatus(COMMAND + ": wrote " + output);
        });
    }

    /** A few images spread over an open stack (by title) or a file, read one by one from a file. */
    private static EyeDataset samples(String synthetic, int count) throws java.io.IOException {
        if (synthetic.isEmpty()) throw new UserError("give the synthetic images (synthetic=TITLE of an open stack, or a file): a few become the test input");
        ImagePlus imp = WindowManager.getImage(synthetic);
        if (imp != null) return BioimageioExport.samples(ImageStacks.fromImagePlus(imp), count);
        Path p = Path.of(synthetic);
        if (!Files.exists(p)) {
            throw new UserError("the synthetic images '" + synthetic + "' are neither an open image nor an existing file: open the stack or give its path");
        }
        return BioimageioExport.samples(p, ReadOptions.defaults(), count);
    }
}
