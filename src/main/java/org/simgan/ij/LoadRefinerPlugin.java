package org.simgan.ij;

import ij.IJ;
import ij.plugin.PlugIn;
import java.nio.file.Path;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;

/**
 * Plugins > SimGAN > Load Refiner: loads a refiner, a .onnx file or a bioimage.io model package (.zip or folder),
 * checking it takes [N, 1, H, W] images and gives the same shape, and keeps it for Refine Stack and Refine Folder.
 * Macro options: {@code model=FILE.onnx|PACKAGE.zip device=cpu|cuda}.
 */
public class LoadRefinerPlugin implements PlugIn {
    static final String COMMAND = "Load Refiner";

    @Override
    public void run(String arg) {
        Commands.run(COMMAND, () -> {
            Options o = Options.of(COMMAND).message("model: a refiner.onnx, or a bioimage.io model package (.zip, or its folder)").file("model", "").choice("device", new String[] {"cpu", "cuda"}, "cpu");
            if (!o.read()) return;
            String file = o.nextString();
            Device device = Device.parse(o.nextString());
            if (file.isEmpty()) throw new UserError("give the refiner model file (model=/path/refiner.onnx, or a bioimage.io package model=/path/refiner.zip)");
            RefinerModel m = CurrentRefiner.load(Path.of(file), device);
            IJ.log(COMMAND + ": " + m.describe());
            IJ.showStatus("SimGAN refiner loaded: " + m.width() + "x" + m.height());
        });
    }
}
