package org.simgan.ij;

import java.io.File;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.simgan.refine.FolderRefiner;

/**
 * Refine Folder as a SciJava command (no menu path: Plugins > SimGAN > Refine Folder comes from plugins.config).
 * The summary output says how many files were refined and which failed.
 */
@Plugin(type = Command.class, label = "SimGAN: refine a folder")
public class RefineFolderCommand implements Command {
    @Parameter
    private SimGanService simgan;

    @Parameter(label = "Input folder", style = "directory")
    private File input;

    @Parameter(label = "Output folder", style = "directory")
    private File output;

    @Parameter(label = "Refiner model (empty: the loaded one)", required = false)
    private File model;

    @Parameter(type = ItemIO.OUTPUT)
    private String summary;

    @Override
    public void run() {
        try {
            if (model != null) simgan.loadRefiner(model);
            FolderRefiner.Summary s = simgan.refineFolder(input, output);
            StringBuilder b = new StringBuilder();
            for (FolderRefiner.FileResult r : s.results()) b.append(r.line()).append('\n');
            summary = b.append(s.line()).toString();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
