package org.simgan.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ReadOptions;
import org.simgan.eval.GazeAccuracy;
import org.simgan.eval.GazeModel;
import org.simgan.eval.GazePredictions;
import org.simgan.eval.GazeTraining;
import org.simgan.progress.Listener;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

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
        GazeTraining.Settings g = GazeTraining.Settings.defaults();
        return String.join("\n",
                "usage: java -jar simgan.jar gaze train --data FILE --out GAZE.onnx [--refiner REFINER.onnx] [options]",
                "         trains on the labelled images of FILE (refined by REFINER first when given); 10% are held out and",
                "         reported; writes a standalone ONNX model (input 'image' [N,1,H,W], output 'gaze' [N,3]) with metadata",
                "  --labels CSV       gaze labels for FILE      --held-out F   share held out (default 0.1; 0 = train on all)",
                "  --steps N (default " + g.steps() + ")   --scale N (width divisor, 1 = paper; default " + g.scale() + ")   --batch N (default "
                        + g.batch() + ")   --lr X (default " + g.lr() + ")   --seed S (default 1)",
                "       java -jar simgan.jar gaze predict --model GAZE.onnx --data FILE [--out FILE.tif|FILE.h5] [--csv FILE.csv]",
                "         writes the images with the predicted gazes as slice labels (NAME / gaze=x,y,z) and a CSV table;",
                "         prints the mean error and the share within 5, 7 and 10 degrees where FILE has labels",
                "  --labels CSV       gaze labels for FILE (to measure accuracy)",
                "both: --threads N (default 2) --device cpu|cuda");
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

    private static final Listener LOG = new Listener() {
        @Override
        public void log(String line) {
            System.err.println(line);
        }
    };

    private static EyeDataset read(Args args) throws Exception {
        Path data = args.path("data");
        String labels = args.string("labels", null);
        return DatasetIo.read(data, labels == null ? ReadOptions.defaults() : ReadOptions.defaults().withLabelsCsv(Path.of(labels)));
    }

    private static Engine engine(Args args) {
        return new Engine(Device.parse(args.string("device", "cpu")), args.integer("threads", 2));
    }

    private int train(Args args) throws Exception {
        GazeTraining.Settings d = GazeTraining.Settings.defaults();
        GazeTraining.Settings s;
        try {
            s = new GazeTraining.Settings(args.integer("scale", d.scale()), args.integer("steps", d.steps()), args.integer("batch", d.batch()),
                    args.number("lr", d.lr()), args.longValue("seed", d.seed()));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        double heldOut = args.number("held-out", 0.1);
        if (!(heldOut >= 0 && heldOut < 1)) throw new Args.UsageException("--held-out must be at least 0 and below 1, got " + heldOut);
        Path out = args.path("out");
        String refiner = args.string("refiner", null);
        EyeDataset data = read(args);
        Engine engine = engine(args);
        args.checkAllUsed();
        if (!data.allLabelled()) {
            throw new IllegalArgumentException(args.string("data", "") + " has images without a gaze label; the gaze estimator trains on labelled images "
                    + "(give --labels CSV or a stack whose slice labels have gaze= lines)");
        }
        String trainedOn = args.string("data", "");
        if (refiner != null) {
            try (RefinerModel r = new RefinerModel(Path.of(refiner), engine)) {
                LOG.log("refining " + data.size() + " images with " + refiner);
                data = r.refine(data, 64, Listener.NONE);
            }
            trainedOn += " refined by " + refiner;
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
        EyeDataset data = read(args);
        String out = args.string("out", null), csv = args.string("csv", null);
        Engine engine = engine(args);
        args.checkAllUsed();
        if (out == null && csv == null) LOG.log("neither --out nor --csv given: only the accuracy is printed");
        try (GazeModel m = GazeModel.load(modelFile, engine)) {
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
