package org.simgan.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;
import org.simgan.train.Checkpoint;
import org.simgan.train.ForwardingListener;
import org.simgan.train.PrintingListener;
import org.simgan.train.StepReport;
import org.simgan.train.TrainSettings;
import org.simgan.train.TrainingData;
import org.simgan.train.TrainingListener;
import org.simgan.train.TrainingRun;

/** {@code train}: a SimGAN run from two image files into an output folder, or {@code --resume} of one. */
final class TrainCommand implements Command {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a refiner and discriminator (SimGAN); --resume DIR continues a run";
    }

    @Override
    public String usage() {
        StringBuilder b = new StringBuilder("""
                usage: java -jar simgan.jar train --synthetic FILE --real FILE --out DIR [options]
                       java -jar simgan.jar train --resume DIR [--threads N]
                FILE: HDF5 (.h5), TIFF stack (.tif) or a folder of PNG/TIFF images; 8/16-bit or float grayscale.
                DIR receives checkpoint.simgan, refiner.onnx, losses.csv and previews/. Ctrl-C stops at the next
                step and saves a checkpoint.
                data:
                  --labels FILE           gaze labels (CSV) for the synthetic images
                """);
        b.append(DataOptions.HELP.replace("PREFIX", "synthetic")).append('\n');
        b.append("  --real-dataset PATH     HDF5 path of the real images\n");
        b.append("run:\n  --threads N             CPU threads (default: all cores)\n  --device cpu|cuda       (default cpu)\n");
        b.append("  --max-steps N           stop after N (at least 1) steps of this session, with a checkpoint (resume later); exit code 0\n");
        b.append("  --log-every S           seconds between progress lines (default 5)\n");
        b.append("training (defaults: the recommended preset; --preset paper starts from the SimGAN paper's settings):\n");
        b.append("  --preset NAME           recommended (default) or paper; the options below change single settings of it\n");
        b.append(TrainSettings.SCHEMA.usage(TrainSettings.defaults()));
        return b.toString();
    }

    @Override
    public int run(Args args) throws IOException {
        Engine engine = new Engine(Device.parse(args.string("device", "cpu")), args.integer("threads", 0));
        PrintingListener console = new PrintingListener(PrintingListener.Sink.STDOUT, args.number("log-every", PrintingListener.DEFAULT_LINE_SECONDS));
        TrainingListener listener = args.has("max-steps") ? stopAfter(console, args.atLeast("max-steps", 1, 0)) : console;
        Map<String, String> given = new LinkedHashMap<>();
        for (String k : TrainingData.NAMES) {
            String v = args.string(k, null);
            if (v != null) given.put(k, v);
        }
        boolean resume = args.has("resume");
        Path out;
        TrainSettings settings;
        TrainingData data;
        if (resume) {
            out = args.path("resume");
            settings = Checkpoint.settings(out.resolve(Checkpoint.FILE_NAME));
            data = TrainingData.recorded(out).with(given);
        } else {
            out = args.path("out");
            Map<String, String> values = new LinkedHashMap<>();
            for (String k : TrainSettings.SCHEMA.names()) {
                String v = args.string(k, null);
                if (v != null) values.put(k, v);
            }
            TrainSettings base;
            try {
                base = TrainSettings.preset(args.string("preset", "recommended"));
            } catch (IllegalArgumentException e) {
                throw new Args.UsageException("--preset: " + e.getMessage());
            }
            settings = TrainSettings.fromMap(values, base);
            if (!given.containsKey("synthetic") || !given.containsKey("real")) throw new Args.UsageException("--synthetic and --real are required");
            data = TrainingData.fromMap(given);
        }
        args.checkAllUsed();
        if (data.synthetic() == null || data.real() == null) {
            throw new Args.UsageException(out + " does not say which data it trains on (no " + TrainingRun.DATA_FILE + "): give --synthetic and --real");
        }
        TrainingRun.Sources sources = data.sources();
        // the output checks come before reading any data: a refused command does no work and changes nothing
        if (resume) TrainingRun.checkRunFolder(out, sources.inputs());
        else TrainingRun.checkNewRunFolder(out, sources.inputs());
        EyeDataset synthetic = data.readSynthetic(settings, k -> "--" + k);
        EyeDataset real = data.readReal(settings, k -> "--" + k);
        listener.log("synthetic: " + synthetic.size() + " images from " + data.synthetic() + "; real: " + real.size() + " images from " + data.real());

        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            console.requestStop();
            try {
                main.join(120_000);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            TrainingRun.Outcome outcome = resume ? TrainingRun.resume(synthetic, real, out, sources, engine, listener)
                    : TrainingRun.start(settings, synthetic, real, out, sources, engine, listener);
            // a stop the user asked for with --max-steps is a success; Ctrl-C exits as an interrupted program does
            return outcome == TrainingRun.Outcome.STOPPED && console.cancelRequested() ? 130 : 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for us
            }
        }
    }

    /** {@code --max-steps}: stops after this many more steps, as if asked to (a checkpoint is written). */
    private static TrainingListener stopAfter(TrainingListener to, long steps) {
        return new ForwardingListener(to) {
            private long left = steps;

            @Override
            public void step(StepReport report) {
                left--;
                super.step(report);
            }

            @Override
            public boolean cancelRequested() {
                return left <= 0 || super.cancelRequested();
            }
        };
    }
}
