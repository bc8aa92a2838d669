package org.simgan.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ReadOptions;
import org.simgan.eval.C2st;
import org.simgan.eval.Evaluation;
import org.simgan.eval.GazeTraining;
import org.simgan.eval.ReportWriter;
import org.simgan.progress.Listener;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

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
        C2st.Settings c = C2st.Settings.defaults();
        GazeTraining.Settings g = GazeTraining.Settings.defaults();
        Evaluation.Settings e = Evaluation.Settings.defaults();
        return String.join("\n",
                "usage: java -jar simgan.jar evaluate --model REFINER.onnx --synthetic FILE --real FILE --out DIR [options]",
                "  --synthetic FILE      labelled synthetic images (TIFF stack, HDF5, folder); without gaze labels the gaze part is skipped",
                "  --synthetic-labels CSV  gaze labels for the synthetic images (one row per image)",
                "  --real FILE           real images of the same size",
                "  --max-images N        at most N images of each set, a seeded random subset; 0 = all (default " + e.maxImages() + ")",
                "  --c2st-runs N         classifier runs (seeds) of the two-sample test (default " + c.seeds() + ")",
                "  --c2st-steps N        training steps per run (default " + c.steps() + ")",
                "  --c2st-held-out F     share of each set held out (default " + c.heldOut() + ")",
                "  --gaze-steps N        gaze estimator training steps (default " + g.steps() + ")",
                "  --gaze-scale N        divide the gaze estimator's widths by N (1 = paper; default " + g.scale() + ")",
                "  --gaze-held-out F     share of the synthetic images held out for the gaze test (default " + e.gazeHeldOut() + ")",
                "  --seed S              seed of every draw and initialisation (default 1)",
                "  --threads N           CPU threads (default 2)   --device cpu|cuda",
                "writes DIR/" + ReportWriter.SUMMARY_TXT + ", " + ReportWriter.SUMMARY_CSV + ", " + ReportWriter.MONTAGE + ", "
                        + ReportWriter.HISTOGRAMS + ", " + ReportWriter.ROC);
    }

    @Override
    public int run(Args args) throws Exception {
        Path model = args.path("model"), synPath = args.path("synthetic"), realPath = args.path("real"), out = args.path("out");
        String labels = args.string("synthetic-labels", null);
        C2st.Settings c = C2st.Settings.defaults();
        GazeTraining.Settings g = GazeTraining.Settings.defaults();
        Evaluation.Settings d = Evaluation.Settings.defaults();
        long seed = args.longValue("seed", 1);
        try {
            c = new C2st.Settings(args.integer("c2st-runs", c.seeds()), seed, args.integer("c2st-steps", c.steps()), c.batch(), c.lr(),
                    args.number("c2st-held-out", c.heldOut()), c.maxPerSet(), c.bootstrap());
            g = new GazeTraining.Settings(args.integer("gaze-scale", g.scale()), args.integer("gaze-steps", g.steps()), g.batch(), g.lr(), seed);
            d = new Evaluation.Settings(c, g, args.number("gaze-held-out", d.gazeHeldOut()), args.integer("max-images", d.maxImages()),
                    d.refineBatch(), seed);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        int threads = args.integer("threads", 2);
        Device device = Device.parse(args.string("device", "cpu"));
        args.checkAllUsed();
        Engine engine = new Engine(device, threads);
        Listener log = new Listener() {
            @Override
            public void log(String line) {
                System.err.println(line);
            }
        };
        long t0 = System.nanoTime();
        ReadOptions synOptions = labels == null ? ReadOptions.defaults() : ReadOptions.defaults().withLabelsCsv(Path.of(labels));
        EyeDataset synthetic = DatasetIo.read(synPath, synOptions);
        EyeDataset real = DatasetIo.read(realPath);
        log.log(String.format(Locale.ROOT, "read %d synthetic images from %s and %d real images from %s (%.1f s); %s", synthetic.size(), synPath,
                real.size(), realPath, (System.nanoTime() - t0) / 1e9, engine.describe()));
        Evaluation.Result r = Evaluation.run(model, synthetic, real, d, engine, log);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("synthetic", synPath.toString());
        if (labels != null) inputs.put("synthetic_labels", labels);
        inputs.put("real", realPath.toString());
        inputs.put("engine", engine.describe());
        ReportWriter.write(r, inputs, out);
        System.out.println(r.syntheticVsReal().describe());
        System.out.println(r.refinedVsReal().describe());
        if (r.labels() != null) System.out.println(r.labels().describe());
        System.out.printf(Locale.ROOT, "mean |R(x) - x| %.3f grey levels; report in %s (%.1f s)%n", r.meanAbsChange(), out, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
