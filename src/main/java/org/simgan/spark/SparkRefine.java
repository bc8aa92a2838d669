package org.simgan.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.simgan.data.io.BatchReader;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ReadOptions;
import org.simgan.progress.Listener;
import org.simgan.refine.FolderRefiner;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

/**
 * Refining on Apache Spark: the files of a folder (or files listed one path a line), or one large HDF5 file cut
 * into ranges, refined by Spark tasks into an output folder, labels carried over, with the same code and the same
 * bytes as {@code java -jar simgan.jar refine}. Each task loads the refiner once for all the files of its partition.
 * A file that fails is listed with its reason and the others go on; the job ends with exit code 1 when any failed.
 * <pre>
 * spark-submit --class org.simgan.spark.SparkRefine --master MASTER --jars simgan.jar SimGAN_-VERSION-spark.jar \
 *     --model refiner.onnx --input FOLDER|LIST.txt|FILE.h5 --output FOLDER [--range N] [--threads N] [--batch N] [--overwrite]
 * </pre>
 * Every path must be readable (and the output folder writable) from every executor: a shared file system.
 */
public final class SparkRefine {

    private SparkRefine() {
    }

    /** One unit of work: an input file, or images {@code from .. from+count-1} of it, and where its result goes. */
    record Task(String input, String output, int from, int count) implements Serializable {
        boolean whole() {
            return count < 0;
        }
    }

    /** The result of one task: {@code error} is null when it was refined. */
    record Result(String input, String output, int images, String error) implements Serializable {
        String line() {
            return error == null ? "refined " + input + " (" + images + " images) -> " + output : "FAILED " + input + ": " + error;
        }
    }

    /** The job's options, checked on the driver before any task runs. */
    record Options(String modelFile, String inputPath, String outputFolder, int range, int threads, int batch, boolean overwrite) implements Serializable {
        // paths are kept as strings: a Path is not serializable, and the options travel to the executors
        Path model() {
            return Path.of(modelFile);
        }

        Path input() {
            return Path.of(inputPath);
        }

        Path output() {
            return Path.of(outputFolder);
        }

        static Options parse(String[] args) {
            Path model = null, input = null, output = null;
            int range = 0, threads = 1, batch = 64;
            boolean overwrite = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--overwrite")) {
                    overwrite = true;
                    continue;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value; " + USAGE);
                String v = args[++i];
                switch (a) {
                    case "--model" -> model = Path.of(v);
                    case "--input" -> input = Path.of(v);
                    case "--output" -> output = Path.of(v);
                    case "--range" -> range = positive(a, v);
                    case "--threads" -> threads = positive(a, v);
                    case "--batch" -> batch = positive(a, v);
                    default -> throw new IllegalArgumentException("unknown option " + a + "; " + USAGE);
                }
            }
            if (model == null || input == null || output == null) throw new IllegalArgumentException("--model, --input and --output are needed; " + USAGE);
            return new Options(model.toAbsolutePath().toString(), input.toAbsolutePath().toString(), output.toAbsolutePath().toString(),
                    range, threads, batch, overwrite);
        }

        private static int positive(String option, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n >= 1) return n;
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException(option + " needs a whole number of at least 1, got '" + v + "'");
        }
    }

    static final String USAGE = "usage: spark-submit --class org.simgan.spark.SparkRefine [spark options] SimGAN_-VERSION-spark.jar "
            + "--model REFINER.onnx|PACKAGE.zip --input FOLDER|LIST.txt|FILE.h5 --output FOLDER [--range N] [--threads N] [--batch N] [--overwrite]";

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SparkRefine: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkConf conf = new SparkConf().setAppName("SimGAN refine");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            List<Result> results = run(sc, o);
            System.exit(results.stream().allMatch(r -> r.error() == null) ? 0 : 1);
        }
    }

    /** Plans the tasks, runs them on {@code sc} and prints one line per task and a summary; the results in input order. */
    static List<Result> run(JavaSparkContext sc, Options o) throws IOException {
        List<Task> tasks = plan(o);
        int slices = Math.max(1, Math.min(tasks.size(), sc.defaultParallelism()));
        List<Result> results = sc.parallelize(tasks, slices).mapPartitions(part -> refine(part, o)).collect();
        for (Result r : results) System.out.println(r.line());
        long failed = results.stream().filter(r -> r.error() != null).count();
        System.out.printf(Locale.ROOT, "%d of %d %s refined, %d failed%n", results.size() - failed, results.size(),
                o.range() > 0 ? "ranges" : "files", failed);
        return results;
    }

    /**
     * The tasks, and the checks before any work: the model exists, the output folder is not the input folder and
     * can be written; outputs that exist are refused unless overwriting.
     */
    static List<Task> plan(Options o) throws IOException {
        if (!Files.isRegularFile(o.model()) && !Files.isDirectory(o.model())) throw new IOException("no refiner at " + o.model());
        Files.createDirectories(o.output());
        List<Path> inputs;
        if (Files.isDirectory(o.input())) {
            if (org.simgan.io.OutputFiles.same(o.input(), o.output())) {
                throw new IOException("the output folder is the input folder " + o.input() + ": choose another output folder");
            }
            inputs = FolderRefiner.inputs(o.input());
        } else if (o.input().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")) {
            inputs = new ArrayList<>();
            for (String line : Files.readAllLines(o.input())) if (!line.isBlank()) inputs.add(Path.of(line.trim()).toAbsolutePath());
        } else {
            inputs = List.of(o.input());
        }
        org.simgan.io.OutputFiles.requireWritableFolder(o.output());
        List<Task> tasks = new ArrayList<>();
        for (Path in : inputs) {
            String name = FolderRefiner.outputName(in);
            if (o.range() == 0) {
                tasks.add(new Task(in.toString(), o.output().resolve(name).toString(), 0, -1));
                continue;
            }
            int total;
            try (BatchReader r = DatasetIo.openBatches(in, ReadOptions.defaults(), o.batch())) {
                total = r.total();
            }
            int dot = name.lastIndexOf('.');
            for (int from = 0; from < total; from += o.range()) {
                int n = Math.min(o.range(), total - from);
                String part = String.format(Locale.ROOT, "%s.%08d-%08d%s", name.substring(0, dot), from, from + n - 1, name.substring(dot));
                tasks.add(new Task(in.toString(), o.output().resolve(part).toString(), from, n));
            }
        }
        if (!o.overwrite()) {
            for (Task t : tasks) {
                if (Files.exists(Path.of(t.output()))) {
                    throw new IOException(t.output() + " exists already: give --overwrite to replace it, or choose another output folder; nothing was refined");
                }
            }
        }
        return tasks;
    }

    /**
     * One partition's tasks, with the refiner loaded once. The work runs on a thread of its own with a large stack
     * ({@link org.simgan.runtime.Engine#THREAD_STACK_BYTES}): on a Spark task thread ONNX Runtime crashed the JVM.
     */
    static Iterator<Result> refine(Iterator<Task> tasks, Options o) throws InterruptedException {
        List<Result> out = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                refineAll(tasks, o, out);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "simgan-refine", org.simgan.runtime.Engine.THREAD_STACK_BYTES);
        worker.start();
        worker.join();
        if (failure[0] instanceof RuntimeException e) throw e;
        if (failure[0] instanceof Error e) throw e;
        return out.iterator();
    }

    private static void refineAll(Iterator<Task> tasks, Options o, List<Result> out) {
        if (!tasks.hasNext()) return;
        try (RefinerModel model = new RefinerModel(o.model(), new Engine(Device.CPU, o.threads()))) {
            while (tasks.hasNext()) out.add(refineOne(model, tasks.next(), o));
        } catch (IOException | RuntimeException e) {
            // the refiner itself could not be loaded: every task of the partition fails with that reason
            String why = "cannot load the refiner " + o.model() + ": " + e.getMessage();
            while (tasks.hasNext()) {
                Task t = tasks.next();
                out.add(new Result(t.input(), t.output(), 0, why));
            }
        }
    }

    private static Result refineOne(RefinerModel model, Task t, Options o) {
        try {
            ReadOptions options = t.whole() ? ReadOptions.defaults() : ReadOptions.defaults().withRange(t.from(), t.count());
            // refineFile checks the output (not an input, a name it can write) before any work
            int n = FolderRefiner.refineFile(model, Path.of(t.input()), Path.of(t.output()), options, o.batch(), Listener.NONE);
            return new Result(t.input(), t.output(), n, null);
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage();
            return new Result(t.input(), t.output(), 0, m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
        }
    }
}
