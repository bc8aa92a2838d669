package org.simgan.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ReadOptions;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;
import org.simgan.train.Checkpoint;
import org.simgan.train.TrainSettings;
import org.simgan.train.TrainingRun;

/** {@code train}: a SimGAN run from two image files into an output folder, or {@code --resume} of one. */
final class TrainCommand implements Command {
    private static final String[] DATA_KEYS = {"synthetic", "real", "labels", "synthetic-dataset", "synthetic-labels", "real-dataset", "resize"};

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
        TrainSettings.defaults().toMap().forEach((k, v) -> b.append(String.format("  --%-22s default %s%n", kebab(k) + " X", v)));
        return b.toString();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public int run(Args args) throws IOException {
        Engine engine = new Engine(Device.parse(args.string("device", "cpu")), args.integer("threads", 0));
        ConsoleListener listener = new ConsoleListener(args.number("log-every", 5));
        if (args.has("max-steps")) listener.stopAfter(args.atLeast("max-steps", 1, 0));
        Path out;
        Map<String, String> data = new LinkedHashMap<>();
        TrainSettings settings = null;
        boolean resume = args.has("resume");
        if (resume) {
            out = args.path("resume");
            settings = Checkpoint.load(out.resolve(Checkpoint.FILE_NAME)).settings();
            data.putAll(readData(out));
            for (String k : DATA_KEYS) if (args.has(k)) data.put(k, args.string(k, null));
        } else {
            out = args.path("out");
            Map<String, String> given = new LinkedHashMap<>();
            TrainSettings.defaults().toMap().keySet().forEach(k -> {
                String v = args.string(kebab(k), null);
                if (v != null) given.put(k, v);
            });
            TrainSettings base;
            try {
                base = TrainSettings.preset(args.string("preset", "recommended"));
            } catch (IllegalArgumentException e) {
                throw new Args.UsageException("--preset: " + e.getMessage());
            }
            settings = TrainSettings.fromMap(given, base);
            for (String k : DATA_KEYS) {
                String v = args.string(k, null);
                if (v != null) data.put(k, v);
            }
            if (!data.containsKey("synthetic") || !data.containsKey("real")) throw new Args.UsageException("--synthetic and --real are required");
        }
        args.checkAllUsed();
        if (!data.containsKey("synthetic") || !data.containsKey("real")) {
            throw new Args.UsageException(out + " does not say which data it trains on (no " + TrainingRun.DATA_FILE + "): give --synthetic and --real");
        }
        TrainingRun.Sources sources = new TrainingRun.Sources(Path.of(data.get("synthetic")), Path.of(data.get("real")),
                data.containsKey("labels") ? List.of(Path.of(data.get("labels"))) : List.of(), absolute(data));
        // the output checks come before reading any data: a refused command does no work and changes nothing
        if (resume) TrainingRun.checkRunFolder(out, sources.inputs());
        else TrainingRun.checkNewRunFolder(out, sources.inputs());
        Args dataArgs = new Args(toWords(data));
        EyeDataset synthetic = load(dataArgs, "synthetic", settings);
        EyeDataset real = load(dataArgs, "real", settings);
        listener.log("synthetic: " + synthetic.size() + " images from " + data.get("synthetic") + "; real: " + real.size() + " images from " + data.get("real"));

        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            listener.cancel();
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
            return outcome == TrainingRun.Outcome.STOPPED && listener.interrupted() ? 130 : 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for us
            }
        }
    }

    private static EyeDataset load(Args dataArgs, String which, TrainSettings s) throws IOException {
        ReadOptions o = DataOptions.read(dataArgs, which, s.width(), s.height());
        if (which.equals("synthetic") && dataArgs.has("labels")) o = o.withLabelsCsv(Path.of(dataArgs.string("labels", null)));
        return DatasetIo.read(Path.of(dataArgs.required(which)), o);
    }

    private static String[] toWords(Map<String, String> m) {
        return m.entrySet().stream().flatMap(e -> java.util.stream.Stream.of("--" + e.getKey(), e.getValue())).toArray(String[]::new);
    }

    /** The data options as given, input paths made absolute (so a resume from another folder finds them). */
    private static Map<String, String> absolute(Map<String, String> data) {
        Map<String, String> m = new LinkedHashMap<>();
        data.forEach((k, v) -> m.put(k, k.equals("synthetic") || k.equals("real") || k.equals("labels") ? Path.of(v).toAbsolutePath().toString() : v));
        return m;
    }

    private static Map<String, String> readData(Path out) throws IOException {
        Path f = out.resolve(TrainingRun.DATA_FILE);
        if (!Files.exists(f)) return Map.of();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k));
        return m;
    }
}
