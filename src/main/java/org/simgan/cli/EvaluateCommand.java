package org.simgan.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ReadOptions;
import org.simgan.eval.Evaluation;
import org.simgan.eval.EvaluationJob;
import org.simgan.eval.ReportWriter;
import org.simgan.io.OutputFiles;
import org.simgan.progress.Listener;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;
import org.simgan.train.PrintingListener;

/** {@code evaluate}: realism and label preservation of a refiner, written as a report folder. */
final class EvaluateCommand implements Command {

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "measure a refiner: C2ST realism, gaze label cost, montage, histograms, ROC";
    }

    @Override
    public String usage() {
        List<String> lines = new ArrayList<>(List.of(
                "usage: java -jar simgan.jar evaluate --model REFINER.onnx --synthetic FILE --real FILE --out DIR [options]",
                "  --synthetic FILE      labelled synthetic images (TIFF stack, HDF5, folder); without gaze labels the gaze part is skipped",
                "  --synthetic-labels CSV  gaze labels for the synthetic images (one row per image)",
                "  --real FILE           real images of the same size",
                "  --target FILE         optional: labelled images of the refiner's target domain (real eyes with measured gazes);",
                "                        the gaze estimator is trained on synthetic and on refined images and both are tested on it",
                "  --target-labels CSV   gaze labels for the target images (one row per image)",
                "  --synthetic-dataset PATH, --real-dataset PATH, --target-dataset PATH  HDF5 path of the images (default: image)",
                "  --resize bilinear|area  resize images that are not the refiner's size instead of refusing them",
                "  --out DIR             a new or empty folder, or an earlier report (replaced whole); written complete or not at all"));
        lines.add(EvaluationJob.usage().stripTrailing());
        lines.add("  --threads N           CPU threads (default 2)   --device cpu|cuda");
        lines.add("writes DIR/" + ReportWriter.SUMMARY_TXT + ", " + ReportWriter.SUMMARY_CSV + ", " + ReportWriter.MONTAGE + ", "
                + ReportWriter.HISTOGRAMS + ", " + ReportWriter.ROC + " (and " + ReportWriter.TRANSFER + " with --target)");
        return String.join("\n", lines);
    }

    @Override
    public int run(Args args) throws Exception {
        Path model = args.path("model"), synPath = args.path("synthetic"), realPath = args.path("real"), out = args.path("out");
        String labels = args.string("synthetic-labels", null);
        Path targetPath = args.has("target") ? args.path("target") : null;
        String targetLabels = args.string("target-labels", null);
        if (targetLabels != null && targetPath == null) throw new Args.UsageException("--target-labels needs --target FILE, the images they label");
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : EvaluationJob.OPTIONS) {
            String v = args.string(name, null);
            if (v != null) values.put(name, v);
        }
        Evaluation.Settings d;
        try {
            d = EvaluationJob.settings(values);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        int threads = args.integer("threads", 2);
        Device device = Device.parse(args.string("device", "cpu"));
        DataOptions.read(args, "synthetic", 1, 1, false); // marks the data options as known
        DataOptions.read(args, "real", 1, 1, false);
        DataOptions.read(args, "target", 1, 1, false);
        args.checkAllUsed();
        // the report folder is checked before any work: a refused command changes nothing
        OutputFiles.requireNotAnInput(out, "--out", model, synPath, realPath, labels == null ? null : Path.of(labels), targetPath,
                targetLabels == null ? null : Path.of(targetLabels));
        ReportWriter.check(out);
        Engine engine = new Engine(device, threads);
        Listener log = new PrintingListener(PrintingListener.Sink.STDERR);
        long t0 = System.nanoTime();
        try (RefinerModel refiner = new RefinerModel(model, engine)) {
            ReadOptions synOptions = DataOptions.read(args, "synthetic", refiner.width(), refiner.height(), false);
            if (labels != null) synOptions = synOptions.withLabelsCsv(Path.of(labels));
            EyeDataset synthetic = DatasetIo.read(synPath, synOptions);
            EyeDataset real = DatasetIo.read(realPath, DataOptions.read(args, "real", refiner.width(), refiner.height(), false));
            EyeDataset target = null;
            if (targetPath != null) {
                ReadOptions targetOptions = DataOptions.read(args, "target", refiner.width(), refiner.height(), false);
                if (targetLabels != null) targetOptions = targetOptions.withLabelsCsv(Path.of(targetLabels));
                target = DatasetIo.read(targetPath, targetOptions);
                try {
                    org.simgan.eval.GazeTransfer.checkInputs(synthetic, target);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + (targetLabels == null ? "; give the labels with --target-labels CSV if they are in a file" : ""));
                }
            }
            return evaluate(refiner, synthetic, real, target, synPath, realPath, targetPath, labels, targetLabels, d, engine, out, log, t0);
        }
    }

    private static int evaluate(RefinerModel refiner, EyeDataset synthetic, EyeDataset real, EyeDataset target, Path synPath, Path realPath,
                                Path targetPath, String labels, String targetLabels, Evaluation.Settings d, Engine engine, Path out, Listener log,
                                long t0) throws Exception {
        log.log(String.format(Locale.ROOT, "read %d synthetic images from %s and %d real images from %s (%.1f s); %s", synthetic.size(), synPath,
                real.size(), realPath, (System.nanoTime() - t0) / 1e9, engine.describe()));
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("synthetic", synPath.toString());
        if (labels != null) inputs.put("synthetic_labels", labels);
        inputs.put("real", realPath.toString());
        if (targetPath != null) inputs.put("target", targetPath.toString());
        if (targetLabels != null) inputs.put("target_labels", targetLabels);
        EvaluationJob.Report report = EvaluationJob.run(refiner, synthetic, real, target, d, inputs, engine, out, log);
        List<String> lines = report.summaryLines();
        for (int i = 0; i < lines.size(); i++) {
            System.out.println(lines.get(i) + (i < lines.size() - 1 ? "" : String.format(Locale.ROOT, " (%.1f s)", (System.nanoTime() - t0) / 1e9)));
        }
        return 0;
    }
}
