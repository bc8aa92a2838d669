package org.simgan.ij;

import ij.IJ;
import ij.ImagePlus;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.ImageStacks;
import org.simgan.refine.RefinerModel;

/** Refining an open ImageJ stack: shared by Refine Stack and the SciJava service. */
final class StackRefinement {
    private StackRefinement() {
    }

    /** The refined copy of {@code source}, titled {@code <title>-refined}, with the model recorded in its properties. */
    static ImagePlus refine(ImagePlus source, RefinerModel model, int batch, org.simgan.progress.Listener listener) throws java.io.IOException {
        EyeDataset in = ImageStacks.fromImagePlus(source);
        IJ.showStatus(RefineStackPlugin.COMMAND + ": refining " + in.size() + " images of " + source.getTitle());
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
        IJ.showStatus(RefineStackPlugin.COMMAND + ": " + refined.size() + " images refined");
        return out;
    }
}
