package org.simgan.ij;

import ij.ImagePlus;
import java.io.File;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Refine Stack as a SciJava command, for {@code CommandService} and scripts. It has no menu path: the menu entry is
 * Plugins > SimGAN > Refine Stack from plugins.config.
 */
@Plugin(type = Command.class, label = "SimGAN: refine an image")
public class RefineImageCommand implements Command {
    @Parameter
    private SimGanService simgan;

    @Parameter(label = "Image")
    private ImagePlus image;

    @Parameter(label = "Refiner model (empty: the loaded one)", required = false)
    private File model;

    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus refined;

    @Override
    public void run() {
        try {
            if (model != null) simgan.loadRefiner(model);
            refined = simgan.refine(image);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
