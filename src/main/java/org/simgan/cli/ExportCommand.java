package org.simgan.cli;

import java.nio.file.Path;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.ReadOptions;
import org.simgan.refine.BioimageioExport;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

/** {@code export}: a trained refiner as a bioimage.io model package. */
final class ExportCommand implements Command {

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "write a trained refiner as a bioimage.io model package (.zip)";
    }

    @Override
    public String usage() {
        return """
                usage: java -jar simgan.jar export --model REFINER.onnx --bioimageio OUT.zip --synthetic FILE [options]
                  writes a bioimage.io model package (spec format 0.5): the refiner as weights.onnx, rdf.yaml with its
                  inputs, outputs, pre/postprocessing, citation and training settings, test_input.npy/test_output.npy
                  (a few of the --synthetic images and their refined versions), cover.png and README.md.
                  bioimage.io tools (bioimageio.core, deepImageJ) and 'refine --model OUT.zip' run it.
                  --synthetic FILE        images like the training's synthetic side (HDF5, TIFF, folder), the test input
                  --samples N             how many of them, spread over the file (default 4)
                  --name TEXT             the model's name (default "SimGAN refiner WIDTHxHEIGHT")
                  --description TEXT      one or two sentences (default: what a SimGAN refiner does)
                  --authors "A; B"        the authors, separated by semicolons (default: unknown)
                  --license ID            an SPDX license identifier (default CC-BY-4.0)
                  --evaluation DIR|CSV    a report written by 'evaluate' (its folder or summary.csv): figures for README.md
                  --threads N             CPU threads (default: all cores)
                """ + DataOptions.HELP.replace("PREFIX", "synthetic");
    }

    @Override
    public int run(Args args) throws Exception {
        Path model = DataOptions.existing(args, "model");
        Path out = args.path("bioimageio");
        Path synthetic = DataOptions.existing(args, "synthetic");
        int samples = args.integer("samples", BioimageioExport.DEFAULT_SAMPLES);
        String evaluation = args.string("evaluation", null);
        BioimageioExport.Details details = new BioimageioExport.Details(args.string("name", ""), args.string("description", ""),
                BioimageioExport.Details.authors(args.string("authors", "")), args.string("license", ""), evaluation == null ? null : Path.of(evaluation));
        Engine engine = new Engine(Device.CPU, args.integer("threads", 0));
        int width, height;
        try (RefinerModel m = new RefinerModel(model, engine)) {
            width = m.width();
            height = m.height();
        }
        ReadOptions options = DataOptions.read(args, "synthetic", width, height);
        args.checkAllUsed();
        if (samples < 1) throw new Args.UsageException("--samples needs 1 or more, got " + samples);
        EyeDataset picked = BioimageioExport.samples(synthetic, options, samples);
        String from = synthetic.getFileName() == null ? synthetic.toString() : synthetic.getFileName().toString();
        System.out.println(BioimageioExport.write(model, picked, from, details, out, engine).line());
        return 0;
    }
}
