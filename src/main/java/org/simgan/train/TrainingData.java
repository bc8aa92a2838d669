package org.simgan.train;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.Interpolation;
import org.simgan.data.io.ReadOptions;

/**
 * Which files a training run reads and how: the synthetic and real images, optional gaze labels (CSV) for the
 * synthetic ones, HDF5 paths inside the files, and resizing. A run records it in its folder
 * ({@value TrainingRun#DATA_FILE}), so a resume, from the command line or from ImageJ, needs nothing but the folder.
 * Its names are those of the command-line options and of the ImageJ macro keys (without the dashes in front).
 *
 * @param synthetic        the synthetic images (file or folder); null when they come from elsewhere (an open image)
 * @param real             the real images; null likewise
 * @param labels           gaze labels for the synthetic images, CSV, or null
 * @param syntheticDataset HDF5 path of the synthetic images, or null for the default
 * @param syntheticLabels  HDF5 path of their gaze vectors, or null for the default
 * @param realDataset      HDF5 path of the real images, or null for the default
 * @param resize           how to resize images of another size, or null to refuse them
 */
public record TrainingData(Path synthetic, Path real, Path labels, String syntheticDataset, String syntheticLabels, String realDataset,
                           Interpolation resize) {
    /** The names, in the order they are written. */
    public static final List<String> NAMES = List.of("synthetic", "real", "labels", "synthetic-dataset", "synthetic-labels", "real-dataset", "resize");

    public TrainingData {
        synthetic = synthetic == null ? null : synthetic.toAbsolutePath();
        real = real == null ? null : real.toAbsolutePath();
        labels = labels == null ? null : labels.toAbsolutePath();
        syntheticDataset = blankToNull(syntheticDataset);
        syntheticLabels = blankToNull(syntheticLabels);
        realDataset = blankToNull(realDataset);
    }

    /** Nothing recorded. */
    public static final TrainingData NONE = new TrainingData(null, null, null, null, null, null, null);

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * From name=value pairs (see {@link #NAMES}); blank values count as left out.
     *
     * @throws IllegalArgumentException for an unknown name or resize method
     */
    public static TrainingData fromMap(Map<String, String> m) {
        for (String k : m.keySet()) {
            if (!NAMES.contains(k)) throw new IllegalArgumentException("unknown data option '" + k + "'; the data options are " + String.join(", ", NAMES));
        }
        String resize = blankToNull(m.get("resize"));
        return new TrainingData(path(m.get("synthetic")), path(m.get("real")), path(m.get("labels")), m.get("synthetic-dataset"),
                m.get("synthetic-labels"), m.get("real-dataset"), resize == null ? null : Interpolation.parse(resize));
    }

    private static Path path(String s) {
        return s == null || s.isBlank() ? null : Path.of(s.trim());
    }

    /** The options given, by name (absolute paths); left-out ones are not in the map. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "synthetic", synthetic);
        put(m, "real", real);
        put(m, "labels", labels);
        put(m, "synthetic-dataset", syntheticDataset);
        put(m, "synthetic-labels", syntheticLabels);
        put(m, "real-dataset", realDataset);
        put(m, "resize", resize == null ? null : resize.name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    private static void put(Map<String, String> m, String k, Object v) {
        if (v != null) m.put(k, v.toString());
    }

    /** These options, with those {@code given} names replacing them (blank given values are ignored). */
    public TrainingData with(Map<String, String> given) {
        Map<String, String> m = toMap();
        given.forEach((k, v) -> {
            if (v != null && !v.isBlank()) m.put(k, v);
        });
        return fromMap(m);
    }

    /** What the run in {@code folder} recorded, or {@link #NONE} when it recorded nothing (an earlier version, or images that were no files). */
    public static TrainingData recorded(Path folder) throws IOException {
        Path f = folder.resolve(TrainingRun.DATA_FILE);
        if (!Files.exists(f)) return NONE;
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) if (NAMES.contains(k)) m.put(k, p.getProperty(k));
        return fromMap(m);
    }

    /** The run's {@link TrainingRun.Sources}: these files, recorded for a resume when both image files are known. */
    public TrainingRun.Sources sources() {
        return new TrainingRun.Sources(synthetic, real, labels == null ? List.of() : List.of(labels),
                synthetic != null && real != null ? toMap() : Map.of());
    }

    /**
     * Reads the synthetic images (with their labels) at the settings' size.
     *
     * @param option how the front end spells a data option in messages, for example {@code k -> "--" + k} or
     *               {@code k -> k + "="}
     */
    public EyeDataset readSynthetic(TrainSettings s, UnaryOperator<String> option) throws IOException {
        if (synthetic == null) throw new IllegalArgumentException("no synthetic images given: give " + option.apply("synthetic"));
        ReadOptions o = options(s, option.apply("synthetic-dataset") + " PATH", syntheticDataset);
        if (syntheticLabels != null) o = o.withHdf5Labels(syntheticLabels);
        if (labels != null) o = o.withLabelsCsv(labels);
        return DatasetIo.read(synthetic, o);
    }

    /** Reads the real images at the settings' size; {@code option} as for {@link #readSynthetic}. */
    public EyeDataset readReal(TrainSettings s, UnaryOperator<String> option) throws IOException {
        if (real == null) throw new IllegalArgumentException("no real images given: give " + option.apply("real"));
        return DatasetIo.read(real, options(s, option.apply("real-dataset") + " PATH", realDataset));
    }

    private ReadOptions options(TrainSettings s, String datasetOption, String dataset) {
        ReadOptions o = ReadOptions.defaults().withRequiredSize(s.width(), s.height()).withHdf5DatasetOption(datasetOption);
        if (dataset != null) o = o.withHdf5Dataset(dataset);
        if (resize != null) o = o.withResize(resize);
        return o;
    }
}
