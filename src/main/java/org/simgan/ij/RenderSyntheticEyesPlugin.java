package org.simgan.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.PlugIn;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.ImageStacks;
import org.simgan.sim.AppearanceRanges;
import org.simgan.sim.EyeSimulator;
import org.simgan.sim.GazeRange;
import org.simgan.sim.Style;

/**
 * Plugins > SimGAN > Render Synthetic Eyes: labelled eyes from the built-in simulator, as an 8-bit stack.
 * Macro options: {@code count=100 seed=1 style=synthetic|camera width=55 height=35 gaze=[pitch=-10:10,yaw=-15:15]
 * [appearance=FILE]}; {@code appearance} is a file of appearance ranges as {@code render --appearance} reads them
 * (clean synthetic style only).
 */
public class RenderSyntheticEyesPlugin implements PlugIn {
    static final String COMMAND = "Render Synthetic Eyes";

    @Override
    public void run(String arg) {
        Commands.run(COMMAND, () -> {
            Options o = Options.of(COMMAND)
                    .message("camera: a camera-style stand-in for real captures (NOT real data)\n"
                            + "appearance (optional): a file of appearance ranges (name=value lines, as render --appearance reads)")
                    .number("count", 100, 0).number("seed", 1, 0).choice("style", new String[] {"synthetic", "camera"}, "synthetic")
                    .number("width", 55, 0).number("height", 35, 0).string("gaze", GazeRange.DEFAULT.format())
                    .file("appearance", "");
            if (!o.read()) return;
            int count = o.nextInt();
            long seed = (long) o.nextNumber();
            Style style = Style.parse(o.nextString());
            int width = o.nextInt();
            int height = o.nextInt();
            GazeRange gaze = GazeRange.parse(o.nextString());
            String appearance = o.nextString();
            if (count < 1) throw new UserError("count must be at least 1");
            AppearanceRanges ranges;
            try {
                ranges = AppearanceRanges.forStyle(style, appearance.isBlank() ? null : java.nio.file.Path.of(appearance));
            } catch (java.io.IOException e) {
                throw new UserError(e.getMessage());
            }
            EyeSimulator sim = new EyeSimulator(width, height, style, gaze, ranges, seed);
            ImageJListener l = new ImageJListener(COMMAND, false);
            EyeDataset ds = sim.renderDataset(count, l);
            ImagePlus imp = ImageStacks.toImagePlus(ds, style.word() + "-eyes");
            imp.setProp("SimGAN.render", o.asMacroOptions());
            imp.show();
        });
    }
}
