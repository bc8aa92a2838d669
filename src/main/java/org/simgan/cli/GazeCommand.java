package org.simgan.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ReadOptions;
import org.simgan.eval.GazeAccuracy;
import org.simgan.eval.GazeModel;
import org.simgan.eval.GazePredictions;
import org.simgan.eval.GazeTraining;
import org.simgan.io.OutputFiles;
import org.simgan.progress.Listener;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;
import org.simgan.train.PrintingListener;

/** {@code gaze train|predict}: the gaze estimator SimGAN's refined images are for. */
final class GazeCommand implements Command {

    @Override
    public String name() {
        return "gaze";
    }

    @Override
    public String summary() {
        return "train a gaze estimator (train) or predict the gaze of a stack (predict)";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: java -jar simgan.jar gaze train --data FILE --out GAZE.onnx [--refiner REFINER.onnx] [options]",
                "         trains on the labelled images of FILE (refined by REFINER first when given); 10% are held out and",
                "         reported; writes a standalone ONNX model (input 'image' [N,1,H,W], output 'gaze' [N,3]) with metadata",
                "  --width W --height H  image size the estimator is for (default 55 x 35; with --refiner: the refiner's);",
                "                     images of another size are refused unless --resize bilinear|area",
                "  --labels CSV       gaze labels for FILE      --held-out F   share held out (default 0.1; 0 = train on all)",
                GazeTraining.Settings.SCHEMA.usage(GazeTraining.Settings.defaults()).stripTrailing(),
                "       java -jar simgan.jar gaze predict --model GAZE.onnx --data FILE [--out FILE.tif|FILE.h5] [--csv FILE.csv]",
                "         writes the images with the predicted gazes as slice labels (NAME / gaze=x,y,z) and a CSV table;",
                "         prints the mean error and the share within 5, 7 and 10 degrees where FILE has labels",
                "  --labels CSV       gaze labels for FILE (to measure accuracy); images of another size than the model's",
                "                     are refused unless --resize bilinear|area",
                "both: --threads N (default 2) --device cpu|cuda  --data-dataset PATH (HDF5 path of the images)  --resize");
    }

    @Override
    public int run(Args args) throws Exception {
        if (args.positional().size() != 1) throw new Args.UsageException("name a subcommand: train or predict");
        return switch (args.positional().get(0)) {
            case "train" -> train(args);
            case "predict" -> predict(args);
            default -> throw new Args.UsageException("unknown subcommand '" + args.positional().get(0) + "': use train or predict");
        };
    }

    private static final Listener LOG = new PrintingListener(PrintingListener.Sink.STDERR);

    /** The images of {@code --data} at the size the model needs (or resized with {@code --resize}), with {@code --labels}. */
    private static EyeDataset read(Args args, int width, int height) throws Exception {
        Path data = args.path("data");
        String labels = args.string("labels", null);
        ReadOptions o = DataOptions.read(args, "data", width, height);
        return DatasetIo.read(data, labels == null ? o : o.withLabelsCsv(Path.of(labels)));
    }

    private static Path optionalPath(Args args, String key) {
        String v = args.string(key, null);
        return v == null ? null : Path.of(v);
    }

    private static Engine engine(Args args) {
        return new Engine(Device.parse(args.string("device", "cpu")), args.integer("threads", 2));
    }

    private int train(Args args) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : GazeTraining.Settings.SCHEMA.names()) {
            String v = args.string(name, null);
            if (v != null) values.put(name, v);
        }
        GazeTraining.Settings s;
        try {
            s = GazeTraining.Settings.SCHEMA.fromMap(values, GazeTraining.Settings.defaults());
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        double heldOut = args.number("held-out", 0.1);
        if (!(heldOut >= 0 && heldOut < 1)) throw new Args.UsageException("--held-out must be at least 0 and below 1, got " + heldOut);
        Path out = args.path("out");
        Path dataFile = args.path("data"), labelsFile = optionalPath(args, "labels");
        String refiner = args.string("refiner", null);
        int width = args.integer("width", ReadOptions.EYE_WIDTH), height = args.integer("height", ReadOptions.EYE_HEIGHT);
        Engine engine = engine(args);
        DataOptions.read(args, "data", Math.max(1, width), Math.max(1, height)); // marks the data options as known
        args.checkAllUsed();
        // the output is checked before any image is read or refined, and any step trained
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            throw new Args.UsageException("--out must name an .onnx file (the gaze estimator is an ONNX model), got " + out);
        }
        OutputFiles.requireNotAnInput(out, "--out", dataFile, labelsFile, refiner == null ? null : Path.of(refiner));
        OutputFiles.requireWritableFile(out);
        if (width < 1 || height < 1) throw new Args.UsageException("--width and --height must be at least 1");
        EyeDataset data;
        String trainedOn = dataFile.toString();
        try (RefinerModel refinerModel = refiner == null ? null : new RefinerModel(Path.of(refiner), engine)) {
            if (refinerModel != null && (args.has("width") || args.has("height"))
                    && (width != refinerModel.width() || height != refinerModel.height())) {
                throw new Args.UsageException("--width/--height " + width + "x" + height + " differ from the size the refiner " + refiner + " takes ("
                        + refinerModel.width() + "x" + refinerModel.height() + "); leave them out");
            }
            // the estimator is trained for one image size, like the other commands: other sizes are refused unless --resize
            data = refinerModel == null ? read(args, width, height) : read(args, refinerModel.width(), refinerModel.height());
            if (!data.allLabelled()) {
                throw new IllegalArgumentException(dataFile + " has images without a gaze label; the gaze estimator trains on labelled images "
                        + "(give --labels CSV or a stack whose slice labels have gaze= lines)");
            }
            data.requireFinite("the images of " + dataFile);
            if (refinerModel != null) {
                LOG.log("refining " + data.size() + " images with " + refiner);
                data = refinerModel.refine(data, 64, Listener.NONE);
                trainedOn += " refined by " + refiner;
            }
        }
        EyeDataset shuffled = data;
        GazeTraining.Split split = GazeTraining.split(data.size(), heldOut, s.seed());
        int[] testIdx = split.test(), trainIdx = split.train();
        int test = testIdx.length;
        LOG.log("training the gaze estimator on " + trainIdx.length + " images (" + s.describe() + "), " + engine.describe());
        GazeTraining.Trained t = GazeTraining.train(shuffled, trainIdx, s, trainedOn, engine, LOG);
        try (GazeModel m = t.model()) {
            m.save(out);
            System.out.printf(Locale.ROOT, "trained in %.1f s, final squared error %.4f; wrote %s%n", t.seconds(), t.finalLoss(), out);
            if (test > 0) {
                var truth = Arrays.stream(testIdx).mapToObj(i -> shuffled.label(i).gaze()).toList();
                var trainTruth = Arrays.stream(trainIdx).mapToObj(i -> shuffled.label(i).gaze()).toList();
                System.out.println("held out (" + test + "): " + GazeAccuracy.of(m.predict(shuffled, testIdx, 256, Listener.NONE), truth).describe());
                System.out.println("mean-gaze baseline: " + GazeAccuracy.ofMeanGaze(trainTruth, truth).describe());
            }
        }
        return 0;
    }

    private int predict(Args args) throws Exception {
        Path modelFile = args.path("model");
        Path dataFile = args.path("data"), labelsFile = optionalPath(args, "labels");
        String out = args.string("out", null), csv = args.string("csv", null);
        Engine engine = engine(args);
        DataOptions.read(args, "data", 1, 1); // marks the data options as known
        args.checkAllUsed();
        // the outputs are checked before any work: neither may be an input, nor the other output
        if (out != null) DatasetIo.checkOutput(Path.of(out), "--out", -1, dataFile, labelsFile, modelFile);
        if (csv != null) {
            OutputFiles.requireNotAnInput(Path.of(csv), "--csv", dataFile, labelsFile, modelFile, out == null ? null : Path.of(out));
            OutputFiles.requireWritableFile(Path.of(csv));
        }
        if (out == null && csv == null) LOG.log("neither --out nor --csv given: only the accuracy is printed");
        try (GazeModel m = GazeModel.load(modelFile, engine)) {
            EyeDataset data = read(args, m.width(), m.height());
            if (out != null) DatasetIo.checkOutput(Path.of(out), "--out", data.size(), dataFile);
            GazePredictions p = new GazePredictions(data, m.predict(data, 256, Listener.NONE));
            if (out != null) {
                DatasetIo.write(p.asDataset(), Path.of(out));
                System.out.println("wrote " + data.size() + " images with predicted gazes in their slice labels to " + out);
            }
            if (csv != null) {
                p.writeCsv(Path.of(csv));
                System.out.println("wrote the predictions to " + csv);
            }
            GazeAccuracy a = p.accuracy();
            if (a == null) System.out.println("no image has a gaze label: no accuracy to report");
            else System.out.println("against the " + p.labelledCount() + " labelled images: " + a.describe());
        }
        return 0;
    }
}
