package org.simgan.ij;

import ij.ImagePlus;
import java.io.File;
import java.io.IOException;
import org.scijava.service.SciJavaService;
import org.simgan.refine.FolderRefiner;
import org.simgan.refine.RefinerModel;

/**
 * SimGAN for SciJava scripts (Fiji's script editor): {@code #@ SimGanService simgan}, then load a refiner once and
 * refine many images. It shares the loaded refiner with the menu commands (Load Refiner, Train SimGAN).
 * <pre>
 * #@ SimGanService simgan
 * simgan.loadRefiner(new File("/data/run1/refiner.onnx"))
 * refined = simgan.refine(imp)        // a new ImagePlus "&lt;title&gt;-refined"; imp is not changed
 * </pre>
 */
public interface SimGanService extends SciJavaService {

    /**
     * Loads a refiner (unless it is the one loaded already) and keeps it for {@link #refine}: a refiner .onnx file or a
     * bioimage.io model package (.zip or folder), which then refines with its own pre- and postprocessing.
     */
    RefinerModel loadRefiner(File model) throws IOException;

    /** The loaded refiner, or null. */
    RefinerModel refiner();

    /** The refined copy of a stack, titled {@code <title>-refined}, labels kept, the source unchanged. */
    ImagePlus refine(ImagePlus image) throws IOException;

    /** Every TIFF/PNG/HDF5 file of {@code input} refined into {@code output}; one bad file does not stop the others. */
    FolderRefiner.Summary refineFolder(File input, File output) throws IOException;

    /** A dataset file or folder as a labelled stack (not shown). */
    ImagePlus openDataset(File path) throws IOException;
}
