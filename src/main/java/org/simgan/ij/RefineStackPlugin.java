package org.simgan.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.PlugIn;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.ImageStacks;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;

/**
 * Plugins > SimGAN > Refine Stack: refines every slice of a stack into a new image {@code <title>-refined}, with the
 * slice labels carried over and the source untouched. The result's properties name the model and the options.
 * Macro options: {@code [image=TITLE] [model=FILE.onnx] batch=32 device=cpu|cuda} (no image: the current one; no
 * model: the loaded refiner).
 */
public class RefineStackPlugin implements PlugIn {
    static final String COMMAND = "Refine Stack";

    @Override
    public void run(String arg) {
        Commands.run(COMMAND, () -> {
            Options o = Options.of(COMMAND)
                    .message("image: title of an open stack (empty: the current image); model: empty for the loaded refiner")
                    .string("image", "").file("model", "").number("batch", 32, 0).choice("device", new String[] {"cpu", "cuda"}, "cpu");
            if (!o.read()) return;
            ImagePlus source = Commands.image(o.nextString(), "the stack to refine");
            String modelFile = o.nextString();
            int batch = o.nextInt();
            RefinerModel model = CurrentRefiner.require(modelFile, Device.parse(o.nextString()));
            ImagePlus out = StackRefinement.refine(source, model, batch, new ImageJListener(COMMAND, false));
            out.setProp("SimGAN.options", o.asMacroOptions());
            out.show();
        });
    }
}
