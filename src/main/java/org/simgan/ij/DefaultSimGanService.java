package org.simgan.ij;

import ij.ImagePlus;
import java.io.File;
import java.io.IOException;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.script.ScriptService;
import org.scijava.service.AbstractService;
import org.scijava.service.Service;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ImageStacks;
import org.simgan.progress.Listener;
import org.simgan.refine.FolderRefiner;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.train.PrintingListener;

/** The {@link SimGanService}: a thin layer over the core and {@link CurrentRefiner}. */
@Plugin(type = Service.class)
public class DefaultSimGanService extends AbstractService implements SimGanService {
    /** Images per ONNX Runtime call. */
    static final int BATCH = 32;

    @Parameter(required = false)
    private ScriptService scripts;

    @Parameter(required = false)
    private LogService log;

    @Override
    public void initialize() {
        // lets scripts write "#@ SimGanService simgan" without the package name
        if (scripts != null) scripts.addAlias(SimGanService.class);
    }

    @Override
    public RefinerModel loadRefiner(File model) throws IOException {
        return CurrentRefiner.load(model.toPath(), Device.CPU);
    }

    @Override
    public RefinerModel refiner() {
        return CurrentRefiner.get();
    }

    private RefinerModel required() {
        RefinerModel m = CurrentRefiner.get();
        if (m == null) throw new IllegalStateException("no refiner is loaded: call loadRefiner(file) first");
        return m;
    }

    @Override
    public ImagePlus refine(ImagePlus image) throws IOException {
        return StackRefinement.refine(image, required(), BATCH, Listener.NONE);
    }

    @Override
    public FolderRefiner.Summary refineFolder(File input, File output) throws IOException {
        Listener l = log == null ? Listener.NONE : new PrintingListener(log::info);
        return FolderRefiner.refine(required(), input.toPath(), output.toPath(), BATCH, false, l);
    }

    @Override
    public ImagePlus openDataset(File path) throws IOException {
        return ImageStacks.toImagePlus(DatasetIo.read(path.toPath()), path.getName());
    }
}
