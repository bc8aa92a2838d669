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
            ImagePlus out = refine(source, model, batch, new ImageJListener(COMMAND, false));
            out.setProp("SimGAN.options", o.asMacroOptions());
            out.show();
        });
    }

    /** The refined copy of {@code source}, titled {@code <title>-refined}, with the model recorded in its properties. */
    static ImagePlus refine(ImagePlus source, RefinerModel model, int batch, org.simgan.progress.Listener listener) throws java.io.IOException {
        EyeDataset in = ImageStacks.fromImagePlus(source);
        IJ.showStatus(COMMAND + ": refining " + in.size() + " images of " + source.getTitle());
        EyeDataset refined = model.refine(in, batch, listener);
        ImagePlus out = ImageStacks.toImagePlus(refined, source.getTitle() + "-refined");
        // the source's slice labels verbatim: a parse/format round trip of a gaze can move its 4th decimal
        for (int s = 1; s <= out.getStackSize(); s++) {
            String label = source.getStack().getSliceLabel(s);
            if (label != null && !label.isEmpty()) out.getStack().setSliceLabel(label, s);
        }
        if (out.getStackSize() == 1 && source.getProperty("Label") instanceof String single) out.setProperty("Label", single);
        out.setCalibration(source.getCalibration());
        out.setProp("SimGAN.model", model.file().toString());
        out.setProp("SimGAN.source", source.getTitle());
        String steps = model.metadata().get("simgan.trained_steps");
        if (steps != null) out.setProp("SimGAN.model.trained_steps", steps);
        StringBuilder settings = new StringBuilder();
        model.metadata().forEach((k, v) -> {
            if (k.startsWith("simgan.train.")) settings.append(settings.length() > 0 ? " " : "").append(k.substring(13)).append('=').append(v);
        });
        if (settings.length() > 0) out.setProp("SimGAN.model.settings", settings.toString());
        IJ.showStatus(COMMAND + ": " + refined.size() + " images refined");
        return out;
    }
}
