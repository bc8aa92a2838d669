package org.simgan.ij;

import ij.IJ;
import ij.plugin.PlugIn;
import java.nio.file.Path;
import org.simgan.refine.FolderRefiner;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;

/**
 * Plugins > SimGAN > Refine Folder: every TIFF, PNG and HDF5 file of a folder, refined with one loaded model into an
 * output folder (TIFF and PNG become TIFF stacks, HDF5 stays HDF5). One line per file in the Log window, a failure
 * line for a file that could not be refined (the others go on), and a summary. Inputs are never changed.
 * Macro options: {@code input=FOLDER output=FOLDER [model=FILE.onnx] batch=32 [overwrite] device=cpu|cuda}.
 */
public class RefineFolderPlugin implements PlugIn {
    static final String COMMAND = "Refine Folder";

    @Override
    public void run(String arg) {
        Commands.run(COMMAND, () -> {
            Options o = Options.of(COMMAND)
                    .message("model: empty for the loaded refiner; the output folder must not be the input folder")
                    .folder("input", "").folder("output", "").file("model", "").number("batch", 32, 0).checkbox("overwrite", false)
                    .choice("device", new String[] {"cpu", "cuda"}, "cpu");
            if (!o.read()) return;
            String input = o.nextString();
            String output = o.nextString();
            String modelFile = o.nextString();
            int batch = o.nextInt();
            boolean overwrite = o.nextBoolean();
            Device device = Device.parse(o.nextString());
            if (input.isEmpty() || output.isEmpty()) throw new UserError("give the input and output folders (input=... output=...)");
            RefinerModel model = CurrentRefiner.require(modelFile, device);
            IJ.log(COMMAND + ": " + input + " -> " + output + " with " + model.describe());
            FolderRefiner.Summary s = FolderRefiner.refine(model, Path.of(input), Path.of(output), batch, overwrite, new ImageJListener(COMMAND, false));
            IJ.showStatus(COMMAND + ": " + s.line());
        });
    }
}
