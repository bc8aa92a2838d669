package org.simgan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.BatchReader;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ReadOptions;
import org.simgan.refine.FolderRefiner;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;
import org.simgan.train.PrintingListener;

/** {@code refine}: a trained refiner over a file or a folder of files, labels carried over unchanged. */
final class RefineCommand implements Command {

    @Override
    public String name() {
        return "refine";
    }

    @Override
    public String summary() {
        return "refine images with a trained refiner (.onnx or bioimage.io package), keeping their labels";
    }

    @Override
    public String usage() {
        return """
                usage: java -jar simgan.jar refine --model REFINER.onnx|PACKAGE.zip --input FILE|FOLDER --output FILE|FOLDER [options]
                  --model: a refiner.onnx of a training run, or a bioimage.io model package (.zip or folder; one-channel
                  image-to-image, ONNX weights), run with the package's own pre- and postprocessing.
                  FILE in, FILE out: HDF5 -> HDF5 (same gaze labels) or TIFF -> TIFF (same slice labels), read in batches.
                  FOLDER in, FOLDER out: every .h5/.hdf5/.tif/.tiff/.png file of the folder refined into the output
                  folder (HDF5 keeps its name, TIFF and PNG become NAME.tif); a file that fails is reported and the
                  others go on. Inputs are never overwritten; an existing output only with --overwrite.
                  --overwrite     replace outputs that exist already
                  --batch N       images per batch (default 64)
                  --threads N     CPU threads (default: all cores)
                  --device cpu|cuda
                """ + DataOptions.HELP.replace("PREFIX", "input");
    }

    @Override
    public int run(Args args) throws IOException {
        Path model = DataOptions.existing(args, "model");
        Path input = DataOptions.existing(args, "input");
        Path output = args.path("output");
        int batch = (int) args.atLeast("batch", 1, 64);
        boolean overwrite = args.flag("overwrite");
        Engine engine = new Engine(Device.parse(args.string("device", "cpu")), args.integer("threads", 0));
        boolean folder = Files.isDirectory(input);
        // the output is checked before the model is loaded and any image read: a refused command does no work
        if (!folder) checkFileOutput(input, output, model, overwrite);
        try (RefinerModel refiner = new RefinerModel(model, engine)) {
            ReadOptions options = DataOptions.read(args, "input", refiner.width(), refiner.height());
            args.checkAllUsed();
            if (folder) return refineFolder(refiner, input, output, batch, overwrite);
            refineFile(refiner, input, output, options, batch);
            return 0;
        }
    }

    private static void checkFileOutput(Path input, Path output, Path model, boolean overwrite) throws IOException {
        DatasetIo.checkOutput(output, "--output", -1, input, model);
        if (Files.exists(output) && !overwrite) {
            throw new IOException(output + " exists already: give --overwrite to replace it, or choose another output name");
        }
    }

    /** Refines one file into another; the output was checked before ({@link DatasetIo#checkOutput}). */
    static void refineFile(RefinerModel refiner, Path input, Path output, ReadOptions options, int batch) throws IOException {
        FolderRefiner.refineFile(refiner, input, output, options, batch, new PrintingListener(PrintingListener.Sink.STDOUT));
        System.out.println("wrote " + output);
    }

    private static int refineFolder(RefinerModel refiner, Path input, Path output, int batch, boolean overwrite) throws IOException {
        FolderRefiner.Summary summary = FolderRefiner.refine(refiner, input, output, batch, overwrite, new PrintingListener(PrintingListener.Sink.STDOUT));
        return summary.failed() == 0 ? 0 : 1;
    }
}
