package org.simgan.refine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.simgan.progress.Stopped;
import java.util.stream.Stream;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.BatchReader;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ReadOptions;
import org.simgan.io.OutputFiles;
import org.simgan.progress.Listener;

/**
 * Refines every image file of a folder (TIFF stacks, PNG images, HDF5 files) into an output folder with one loaded
 * {@link RefinerModel}. Each file is read, refined and written on its own: a file that cannot be read or refined
 * gets a failure line and the others go on. Inputs are never modified: the output folder must differ from the input
 * folder, and existing outputs are only replaced when asked. Two inputs that would give one output name
 * ({@code x.png} and {@code x.tif}) are refused before any work. TIFF and PNG inputs give TIFF stacks, HDF5 inputs give
 * HDF5 files, both under the input's base name.
 */
public final class FolderRefiner {

    /** What happened to one input file: {@code error} is null when it was refined. */
    public record FileResult(Path input, Path output, int images, String error) {
        public boolean ok() {
            return error == null;
        }

        public String line() {
            return ok() ? "refined " + input.getFileName() + " (" + images + " images) -> " + output
                    : "FAILED " + input.getFileName() + ": " + error;
        }
    }

    /** Every file's result, in name order; {@code stopped} when the listener asked to stop before the end. */
    public record Summary(List<FileResult> results, int total, boolean stopped) {
        public long refined() {
            return results.stream().filter(FileResult::ok).count();
        }

        public long failed() {
            return results.size() - refined();
        }

        public String line() {
            return String.format(Locale.ROOT, "%d of %d files refined, %d failed%s", refined(), total, failed(),
                    stopped ? ", stopped before the rest" : "");
        }
    }

    private FolderRefiner() {
    }

    /** The files of {@code folder} this refines: .tif, .tiff, .png, .h5, .hdf5 (any case), sorted by name. */
    public static List<Path> inputs(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder: give the folder that holds the TIFF, PNG or HDF5 files to refine");
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> outputExtension(p) != null).sorted().toList();
        }
    }

    /** The output name for {@code input}: its base name with .tif (TIFF and PNG) or its own HDF5 extension. */
    public static String outputName(Path input) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return name.substring(0, dot) + "." + outputExtension(input);
    }

    private static String outputExtension(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        if (dot <= 0) return null;
        return switch (n.substring(dot + 1)) {
            case "tif", "tiff", "png" -> "tif";
            case "h5" -> "h5";
            case "hdf5" -> "hdf5";
            default -> null;
        };
    }

    /**
     * The checks before any work: the output folder is not the input folder and can be written, and no two inputs
     * map to one output name ({@code x.png}, {@code x.tif} and {@code x.tiff} would all become {@code x.tif}).
     */
    static void checkOutputs(Path in, Path out, List<Path> files) throws IOException {
        if (OutputFiles.same(in, out)) {
            throw new IOException("the output folder is the input folder " + in + ": choose another output folder, so that no input is replaced");
        }
        OutputFiles.requireWritableFolder(out);
        Map<String, List<String>> byOutput = new TreeMap<>();
        for (Path f : files) byOutput.computeIfAbsent(outputName(f).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f.getFileName().toString());
        List<String> clashes = new ArrayList<>();
        byOutput.forEach((name, sources) -> {
            if (sources.size() > 1) clashes.add(String.join(", ", sources) + " would all be written to " + out.resolve(outputName(Path.of(sources.get(0)))));
        });
        if (!clashes.isEmpty()) {
            throw new IOException("in " + in + ", " + String.join("; ", clashes) + ": rename all but one of them (or move them to another "
                    + "folder) so that each output has one source; nothing was refined");
        }
    }

    /**
     * Refines one file into {@code output} ({@link DatasetIo#checkOutput} was called for it), {@code batch} images
     * at a time; each refined batch is written as it comes (HDF5), so memory does not grow with the file's size.
     * The output appears atomically when complete. Logs "refined DONE/TOTAL" after each batch.
     *
     * @return the number of images refined
     * @throws IOException when the input holds no images, or as reading and writing fail
     */
    public static int refineFile(RefinerModel model, Path input, Path output, ReadOptions options, int batch, Listener listener) throws IOException {
        try (BatchReader reader = DatasetIo.openBatches(input, options, batch)) {
            int total = reader.total();
            if (total == 0) throw new IOException(input + " holds no images to refine");
            // a PNG holds one image: refused now, before the work, when the input holds more
            DatasetIo.checkOutput(output, "the output", total, input, model.file());
            DatasetIo.write(output, total, sink -> {
                int done = 0;
                while (reader.hasNext()) {
                    org.simgan.progress.Stopped.check(listener, "refining " + input);
                    EyeDataset refined = model.refine(reader.next(), batch, Listener.NONE);
                    sink.append(refined);
                    done += refined.size();
                    listener.log("refined " + done + "/" + total);
                }
            });
            return total;
        }
    }

    /**
     * Refines every input file of {@code in} into {@code out} (created when missing), {@code batch} images at a time.
     * Logs one line per file and reports progress in files.
     */
    public static Summary refine(RefinerModel model, Path in, Path out, int batch, boolean overwrite, Listener listener) throws IOException {
        List<Path> files = inputs(in);
        checkOutputs(in, out, files);
        Files.createDirectories(out);
        List<FileResult> results = new ArrayList<>();
        boolean stopped = false;
        for (int i = 0; i < files.size(); i++) {
            if (listener.cancelRequested()) {
                stopped = true;
                break;
            }
            Path input = files.get(i);
            Path output = out.resolve(outputName(input));
            FileResult r;
            if (!overwrite && Files.exists(output)) {
                r = new FileResult(input, output, 0, output + " exists already and is kept; to replace it ask for overwriting "
                        + "(refine --overwrite on the command line, 'overwrite' in Refine Folder), or choose another output folder");
            } else {
                try {
                    int n = refineFile(model, input, output, ReadOptions.defaults(), batch, Listener.NONE);
                    r = new FileResult(input, output, n, null);
                } catch (Stopped e) {
                    throw e;
                } catch (IOException | RuntimeException e) {
                    String m = e.getMessage();
                    r = new FileResult(input, output, 0, m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
                }
            }
            results.add(r);
            listener.log(r.line());
            listener.progress(i + 1, files.size());
        }
        Summary s = new Summary(List.copyOf(results), files.size(), stopped);
        listener.log(s.line());
        return s;
    }
}
