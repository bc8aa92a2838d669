package org.simgan.refine;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.simgan.Version;
import org.simgan.bioimageio.ModelPackage;
import org.simgan.bioimageio.Npy;
import org.simgan.bioimageio.ProcessingOp;
import org.simgan.bioimageio.Yaml;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.BatchReader;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ReadOptions;
import org.simgan.io.AtomicFile;
import org.simgan.nn.ModelExport;
import org.simgan.progress.Listener;
import org.simgan.runtime.Engine;

/**
 * Writes a refiner trained here as a bioimage.io model package (model spec format {@value #FORMAT_VERSION}), one
 * zip file that bioimage.io's tools (bioimageio.core, deepImageJ, ...) and this project's refiner loading read:
 * <ul>
 * <li>{@value ModelPackage#RDF}: the description: input {@value #INPUT} and output {@value #OUTPUT} with axes batch
 * (any), channel (one), y and x (the trained size), the stored pixels' data type, the {@link PixelProcessing} as the
 * spec's pre- and postprocessing operations, citation, tags, and the training run's settings under config;</li>
 * <li>{@value #WEIGHTS}: the refiner's .onnx file, unchanged;</li>
 * <li>{@value #TEST_INPUT}, {@value #TEST_OUTPUT}: a few sample images as stored pixels and what refining them gives
 * (the description's preprocessing, the network, its postprocessing);</li>
 * <li>{@value #COVER} (sample images beside their refined versions) and {@value #DOCUMENTATION};</li>
 * <li>with an evaluation report, its summary as {@value #EVALUATION}.</li>
 * </ul>
 * The zip is written atomically.
 */
public final class BioimageioExport {
    public static final String FORMAT_VERSION = "0.5.7";
    public static final String INPUT = "image", OUTPUT = "refined";
    public static final String WEIGHTS = "weights.onnx", TEST_INPUT = "test_input.npy", TEST_OUTPUT = "test_output.npy", COVER = "cover.png",
            DOCUMENTATION = "README.md", EVALUATION = "evaluation_summary.csv";
    /** Sample images a package gets unless told otherwise. */
    public static final int DEFAULT_SAMPLES = 4;
    public static final String DEFAULT_LICENSE = "CC-BY-4.0";
    public static final String PAPER = "Shrivastava, Pfister, Tuzel, Susskind, Wang, Webb: Learning from Simulated and Unsupervised Images "
            + "through Adversarial Training. CVPR 2017";
    public static final String PAPER_DOI = "10.1109/CVPR.2017.241";
    static final List<String> TAGS = List.of("simgan", "gan", "image-to-image", "domain-adaptation", "refinement", "eye", "gaze", "grayscale", "2d",
            "onnx", "imagej");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\- ()]{5,128}");

    /**
     * What a package says beyond the model: empty name and description get defaults from the model, no authors
     * "unknown", an empty license {@value #DEFAULT_LICENSE}; {@code evaluation} is a report of {@code evaluate}
     * (its summary.csv or the folder holding it), or null.
     */
    public record Details(String name, String description, List<String> authors, String license, Path evaluation) {
        public Details {
            name = name == null ? "" : name.trim();
            description = description == null ? "" : description.trim();
            authors = authors == null ? List.of() : authors.stream().map(String::trim).filter(a -> !a.isEmpty()).toList();
            license = license == null || license.isBlank() ? DEFAULT_LICENSE : license.trim();
        }

        /** Authors from one text, separated by semicolons ("Ann Smith; Bo Li"). */
        public static List<String> authors(String text) {
            return text == null ? List.of() : List.of(text.split(";"));
        }
    }

    /** What was written. */
    public record Result(Path file, String name, int samples, int height, int width, String dataType, boolean evaluated) {
        public String line() {
            return "wrote bioimage.io model '" + name + "' (" + width + "x" + height + " " + dataType + " images, " + samples + " test samples"
                    + (evaluated ? ", evaluation figures" : "") + ") to " + file;
        }
    }

    private BioimageioExport() {
    }

    /** Up to {@code count} images spread evenly over {@code all}, in order. */
    public static EyeDataset samples(EyeDataset all, int count) {
        if (count < 1) throw new IllegalArgumentException("the number of test samples must be at least 1, got " + count);
        if (all.size() == 0) throw new IllegalArgumentException("there are no images to take test samples from");
        int n = Math.min(count, all.size());
        int[] picked = new int[n];
        for (int i = 0; i < n; i++) picked[i] = (int) ((long) i * all.size() / n);
        return all.pick(picked);
    }

    /** Up to {@code count} images spread evenly over a file or folder, read one by one (a large file is not read whole). */
    public static EyeDataset samples(Path file, ReadOptions options, int count) throws IOException {
        if (count < 1) throw new IllegalArgumentException("the number of test samples must be at least 1, got " + count);
        int total;
        try (BatchReader r = DatasetIo.openBatches(file, options, 1)) {
            total = r.total();
        }
        if (total == 0) throw new IOException(file + " holds no images to take test samples from");
        int n = Math.min(count, total);
        List<EyeDataset> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) parts.add(DatasetIo.read(file, options.withRange(options.from() + (int) ((long) i * total / n), 1)));
        return EyeDataset.concat(parts);
    }

    /** The SPDX license identifiers the spec accepts. */
    static Set<String> licenses() throws IOException {
        try (InputStream in = BioimageioExport.class.getResourceAsStream("spdx-license-ids.txt")) {
            if (in == null) throw new IOException("the list of SPDX license identifiers is missing from the jar");
            Set<String> ids = new LinkedHashSet<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) ids.add(l.trim());
            }
            return ids;
        }
    }

    /**
     * Writes the package of the refiner {@code model} (a plain .onnx written by a training run) to {@code out} (a .zip),
     * with {@code samples} (images like its training's synthetic side, as stored) as test input; {@code samplesFrom}
     * says where they came from (a file name or an image title).
     */
    public static Result write(Path model, EyeDataset samples, String samplesFrom, Details details, Path out, Engine engine) throws IOException {
        String fileName = out.getFileName() == null ? "" : out.getFileName().toString();
        if (!fileName.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new IllegalArgumentException("the package file " + out + " must end in .zip (bioimage.io packages are zip files)");
        }
        Path folder = out.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IOException("cannot write " + out + ": the folder " + folder + " does not exist; create it first or choose another output path");
        }
        if (ModelPackage.isPackage(model)) {
            throw new IllegalArgumentException(model + " is a bioimage.io package already; give the refiner's .onnx file (for example refiner.onnx of a training run)");
        }
        if (!details.name().isEmpty() && !NAME.matcher(details.name()).matches()) {
            throw new IllegalArgumentException("the name '" + details.name() + "' must be 5 to 128 characters of letters, digits, spaces, '_', '-', "
                    + "'(' and ')' (the bioimage.io rule; 64 or fewer are best)");
        }
        if (details.description().length() > 1024) {
            throw new IllegalArgumentException("the description has " + details.description().length() + " characters; bioimage.io allows 1024");
        }
        if (!licenses().contains(details.license())) {
            throw new IllegalArgumentException("'" + details.license() + "' is not an SPDX license identifier bioimage.io accepts; for example "
                    + "CC-BY-4.0, CC0-1.0, MIT, Apache-2.0, BSD-3-Clause (see https://spdx.org/licenses/)");
        }
        if (samples.size() == 0) throw new IllegalArgumentException("give at least one sample image for the package's test input");
        byte[] onnx;
        try {
            onnx = Files.readAllBytes(model);
        } catch (NoSuchFileException e) {
            throw new IOException("no refiner model at " + model + ": give the .onnx file a training run wrote (refiner.onnx)");
        }
        Evaluation evaluation = details.evaluation() == null ? null : Evaluation.read(details.evaluation());

        EyeDataset refined;
        PixelProcessing p;
        Map<String, String> meta;
        int h, w;
        try (RefinerModel m = new RefinerModel(model, engine)) {
            h = m.height();
            w = m.width();
            meta = m.metadata();
            if (samples.width() != w || samples.height() != h) {
                throw new IllegalArgumentException("the sample images (" + samplesFrom + ") are " + samples.width() + "x" + samples.height()
                        + " but the refiner takes " + w + "x" + h + ": give images like its training's synthetic side");
            }
            int trained = PixelProcessing.trainedBitDepth(meta);
            if (trained != 0 && trained != samples.bitDepth()) {
                throw new IllegalArgumentException("the refiner was trained on " + depth(trained) + " images but the samples (" + samplesFrom + ") are "
                        + depth(samples.bitDepth()) + ": give images like its training's synthetic side, which the package then describes");
            }
            p = m.processing(samples.bitDepth());
            refined = m.refine(samples, samples.size(), Listener.NONE);
        }
        ModelProto proto = ModelProto.parseFrom(onnx); // meta is in the file's order already (RefinerModel#metadata)
        long[] shape = {samples.size(), 1, h, w};
        byte[] testIn, testOut;
        try {
            testIn = Npy.write(new Npy.Array(p.inputType(), shape, values(samples)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the sample images do not fit " + p.inputType() + " (" + e.getMessage() + "): are they " + depth(samples.bitDepth()) + "?");
        }
        testOut = Npy.write(new Npy.Array(p.outputType(), shape, values(refined)));
        byte[] cover = cover(samples, refined, p);

        String name = details.name().isEmpty() ? "SimGAN refiner " + w + "x" + h : details.name();
        String description = details.description().isEmpty()
                ? "SimGAN refiner (Shrivastava et al. 2017): makes synthetic " + w + "x" + h + " grayscale eye images look like real ones while keeping "
                + "their gaze labels." : details.description();
        List<String> authors = details.authors().isEmpty() ? List.of("unknown") : details.authors();
        String readme = documentation(name, description, meta, p, h, w, samples.size(), samplesFrom, evaluation);

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(WEIGHTS, onnx);
        files.put(TEST_INPUT, testIn);
        files.put(TEST_OUTPUT, testOut);
        files.put(COVER, cover);
        files.put(DOCUMENTATION, readme.getBytes(StandardCharsets.UTF_8));
        if (evaluation != null) files.put(EVALUATION, evaluation.csv());

        Map<String, Object> rdf = new LinkedHashMap<>();
        rdf.put("format_version", FORMAT_VERSION);
        rdf.put("type", "model");
        rdf.put("name", name);
        rdf.put("description", description);
        rdf.put("authors", authors.stream().map(a -> (Object) Map.of("name", a)).toList());
        rdf.put("cite", List.of(map("text", PAPER, "doi", PAPER_DOI)));
        rdf.put("license", details.license());
        rdf.put("documentation", DOCUMENTATION);
        rdf.put("covers", List.of(COVER));
        rdf.put("tags", TAGS);
        rdf.put("timestamp", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'", Locale.ROOT)
                .format(Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
        if (evaluation != null) rdf.put("attachments", List.of(file(EVALUATION, files)));
        rdf.put("inputs", List.of(tensor(INPUT, "stored pixels of synthetic " + depth(samples.bitDepth()) + " grayscale eye images", p.inputType(), p.pre(),
                "preprocessing", TEST_INPUT, files, List.of(space("y", (long) h), space("x", (long) w)))));
        rdf.put("outputs", List.of(tensor(OUTPUT, "the refined images, stored as the input is", p.outputType(), p.post(), "postprocessing", TEST_OUTPUT,
                files, List.of(space("y", map("tensor_id", INPUT, "axis_id", "y")), space("x", map("tensor_id", INPUT, "axis_id", "x"))))));
        Map<String, Object> onnxWeights = file(WEIGHTS, files);
        onnxWeights.put("opset_version", opset(proto));
        rdf.put("weights", map("onnx", onnxWeights));
        rdf.put("config", config(meta, p, proto, samplesFrom, evaluation));

        byte[] yaml = Yaml.write(rdf).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(out, stream -> {
            ZipOutputStream zip = new ZipOutputStream(stream);
            put(zip, ModelPackage.RDF, yaml);
            for (Map.Entry<String, byte[]> f : files.entrySet()) put(zip, f.getKey(), f.getValue());
            zip.finish();
        });
        return new Result(out, name, samples.size(), h, w, p.inputType(), evaluation != null);
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static String depth(int bitDepth) {
        return bitDepth == 32 ? "32-bit float" : bitDepth + "-bit";
    }

    private static double[] values(EyeDataset ds) {
        int size = ds.width() * ds.height();
        double[] v = new double[ds.size() * size];
        for (int i = 0; i < ds.size(); i++) {
            float[] px = ds.pixels(i);
            for (int j = 0; j < size; j++) v[i * size + j] = px[j];
        }
        return v;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static Map<String, Object> file(String name, Map<String, byte[]> files) {
        return map("source", name, "sha256", ModelPackage.sha256(files.get(name)));
    }

    private static Map<String, Object> space(String id, Object size) {
        return map("type", "space", "id", id, "size", size);
    }

    private static Map<String, Object> tensor(String id, String description, String dtype, List<ProcessingOp> ops, String opsKey, String test,
                                              Map<String, byte[]> files, List<Map<String, Object>> spaceAxes) {
        List<Object> axes = new ArrayList<>();
        axes.add(map("type", "batch"));
        axes.add(map("type", "channel", "channel_names", List.of("gray")));
        axes.addAll(spaceAxes);
        Map<String, Object> data = map("type", dtype);
        if (!ProcessingOp.Types.isFloat(dtype)) {
            data.put("range", List.of(0, dtype.equals("uint8") ? 255 : 65535));
        }
        return map("id", id, "description", description, "axes", axes, "test_tensor", file(test, files), "data", data,
                opsKey, ops.stream().map(o -> (Object) o.describe()).toList());
    }

    private static long opset(ModelProto proto) {
        for (OperatorSetIdProto o : proto.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) return o.getVersion();
        }
        throw new IllegalArgumentException("the ONNX model imports no default operator set, so it has no opset version to state");
    }

    private static long parameters(ModelProto proto) {
        long n = 0;
        for (TensorProto t : proto.getGraph().getInitializerList()) {
            long k = 1;
            for (long d : t.getDimsList()) k *= d;
            n += k;
        }
        return n;
    }

    /** A setting's text as a number where it is one, so the description holds typed values. */
    private static Object typed(String v) {
        if (v == null) return null;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            // not a whole number
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // text
        }
        return v;
    }

    private static Map<String, String> training(Map<String, String> meta) {
        Map<String, String> t = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith("simgan.train.")) t.put(k.substring("simgan.train.".length()), v);
        });
        return t;
    }

    private static Map<String, Object> config(Map<String, String> meta, PixelProcessing p, ModelProto proto, String samplesFrom, Evaluation evaluation) {
        Map<String, String> train = training(meta);
        Map<String, Object> bio = new LinkedHashMap<>();
        if (!ProcessingOp.Types.isFloat(p.outputType())) {
            // refined pixels are rounded to whole numbers: a value on a rounding boundary may round either way elsewhere
            bio.put("reproducibility_tolerance", List.of(map("absolute_tolerance", 1.0, "relative_tolerance", 0.0, "mismatched_elements_per_million", 100,
                    "output_ids", List.of(OUTPUT), "weights_formats", List.of("onnx"))));
        }
        bio.put("architecture_type", "SimGAN refiner (ResNet)");
        String arch = meta.get(ModelExport.KEY_ARCHITECTURE);
        bio.put("architecture_description", "fully convolutional: conv3x3 + ReLU, ResNet blocks (conv3x3, ReLU, conv3x3, add, ReLU), conv1x1 to one "
                + "channel, tanh; input and output in [-1, 1]" + (arch == null ? "" : " (" + arch + ")"));
        bio.put("modality", "grayscale eye images (synthetic to real)");
        bio.put("task", "image-to-image domain adaptation (refinement)");
        bio.put("model_parameter_count", parameters(proto));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("training_preprocessing", "stored pixels scaled linearly to [-1, 1] by their bit depth ("
                + meta.getOrDefault(ModelExport.KEY_NORMALIZATION, "not recorded") + ")");
        if (train.containsKey("batch")) details.put("training_batch_size", typed(train.get("batch")));
        if (train.containsKey("lr") && typed(train.get("lr")) instanceof Number) details.put("initial_learning_rate", ((Number) typed(train.get("lr"))).doubleValue());
        if (train.containsKey("optimizer")) {
            details.put("optimizer", train.get("optimizer"));
            Map<String, Object> kw = new LinkedHashMap<>();
            List<String> keys = train.get("optimizer").equalsIgnoreCase("sgd") ? List.of("momentum") : List.of("beta1", "beta2");
            for (String k : keys) if (train.containsKey(k)) kw.put(k, typed(train.get(k)));
            details.put("optimizer_kwargs", kw);
        }
        details.put("loss_function", "refiner: adversarial loss of a local patch discriminator + lambda * L1(R(x) - x); discriminator: cross-entropy "
                + "of real against refined images, half of them from a history buffer of earlier refinements");
        if (train.containsKey("lambda")) details.put("loss_function_kwargs", map("lambda", typed(train.get("lambda"))));
        details.put("regularization", "self-regularization L1(R(x) - x), which keeps the gaze label true");
        bio.put("training", details);

        Map<String, Object> simgan = new LinkedHashMap<>();
        simgan.put("version", meta.getOrDefault(ModelExport.KEY_VERSION, "unknown"));
        simgan.put("exported_by", "SimGAN for ImageJ " + Version.VERSION);
        for (String k : List.of(ModelExport.KEY_NETWORK, ModelExport.KEY_ARCHITECTURE, ModelExport.KEY_NORMALIZATION, PixelProcessing.KEY_BIT_DEPTH,
                "simgan.trained_steps")) {
            if (meta.containsKey(k)) simgan.put(k.substring("simgan.".length()), typed(meta.get(k)));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        train.forEach((k, v) -> settings.put(k, typed(v)));
        simgan.put("training", settings);
        simgan.put("test_samples_from", samplesFrom);
        if (evaluation != null) simgan.put("evaluation", evaluation.config());
        return map("bioimageio", bio, "simgan", simgan);
    }

    /** Synthetic samples (left half) beside their refined versions (right half) on a 2:1 canvas, as PNG. */
    static byte[] cover(EyeDataset synthetic, EyeDataset refined, PixelProcessing p) throws IOException {
        int n = synthetic.size(), w = synthetic.width(), h = synthetic.height();
        int cols = (int) Math.ceil(Math.sqrt(n)), rows = (int) Math.ceil(n / (double) cols);
        int gap = 4;
        int gridW = cols * w, gridH = rows * h;
        int zoom = Math.max(1, Math.min(8, 240 / Math.max(gridW, gridH)));
        int panelW = gridW * zoom + (cols + 1) * gap, panelH = gridH * zoom + (rows + 1) * gap;
        int half = Math.max(panelW, panelH);
        BufferedImage img = new BufferedImage(2 * half, half, BufferedImage.TYPE_BYTE_GRAY);
        var r = img.getRaster();
        for (int y = 0; y < half; y++) for (int x = 0; x < 2 * half; x++) r.setSample(x, y, 0, 255);
        double[] range = displayRange(synthetic.bitDepth());
        for (int side = 0; side < 2; side++) {
            EyeDataset ds = side == 0 ? synthetic : refined;
            double[] rr = side == 0 ? range : displayRange(ds.bitDepth());
            int x0 = side * half + (half - panelW) / 2 + gap, y0 = (half - panelH) / 2 + gap;
            for (int i = 0; i < n; i++) {
                int cx = x0 + (i % cols) * (w * zoom + gap), cy = y0 + (i / cols) * (h * zoom + gap);
                float[] px = ds.pixels(i);
                for (int y = 0; y < h * zoom; y++) {
                    for (int x = 0; x < w * zoom; x++) {
                        double v = (px[(y / zoom) * w + x / zoom] - rr[0]) / (rr[1] - rr[0]);
                        r.setSample(cx + x, cy + y, 0, (int) Math.max(0, Math.min(255, Math.round(v * 255))));
                    }
                }
            }
        }
        for (int y = 0; y < half; y++) r.setSample(half, y, 0, 128);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer available");
        return out.toByteArray();
    }

    private static double[] displayRange(int bitDepth) {
        return bitDepth == 8 ? new double[] {0, 255} : bitDepth == 16 ? new double[] {0, 65535} : new double[] {0, 1};
    }

    private static String documentation(String name, String description, Map<String, String> meta, PixelProcessing p, int h, int w, int samples,
                                        String samplesFrom, Evaluation evaluation) {
        Map<String, String> train = training(meta);
        StringBuilder b = new StringBuilder();
        b.append("# ").append(name).append("\n\n").append(description).append("\n\n");
        b.append("## What it does\n\n");
        b.append("A SimGAN *refiner* (Shrivastava et al., \"Learning from Simulated and Unsupervised Images through Adversarial Training\", ")
                .append("CVPR 2017): a fully convolutional network R that turns a synthetic grayscale eye image x into R(x), which looks like a real ")
                .append("camera image. It was trained against a discriminator that tells real image patches from refined ones, with a ")
                .append("self-regularization term lambda * L1(R(x) - x) that keeps each image's content, so a gaze label that belongs to x stays true ")
                .append("for R(x). Use it to make labelled synthetic training data for gaze estimation look like real data.\n\n");
        b.append("## Input and output\n\n");
        b.append(String.format(Locale.ROOT, "- input `%s`: a batch of %dx%d (width x height) one-channel images, axes batch, channel, y, x, as stored "
                + "(%s)%n", INPUT, w, h, p.inputType()));
        b.append(String.format(Locale.ROOT, "- output `%s`: the refined images, same shape, stored as %s%n", OUTPUT, p.outputType()));
        b.append("- preprocessing: ").append(ops(p.pre())).append(" (stored pixels to the network's [-1, 1])\n");
        b.append("- postprocessing: ").append(ops(p.post())).append(" (back to stored pixels")
                .append(ProcessingOp.Types.isFloat(p.outputType()) ? ")\n" : "; the extra 0.5 of the offset makes the truncating cast round to the nearest value)\n");
        b.append("- `").append(TEST_INPUT).append("` holds ").append(samples).append(" sample images (from ").append(samplesFrom)
                .append("), `").append(TEST_OUTPUT).append("` what refining them gives.\n\n");
        b.append("## Training\n\n");
        b.append("Trained with SimGAN for ImageJ ").append(meta.getOrDefault(ModelExport.KEY_VERSION, "(version not recorded)"));
        String steps = meta.get("simgan.trained_steps");
        b.append(steps == null ? "" : " for " + steps + " steps").append(" on ").append(depth(PixelProcessing.trainedBitDepth(meta) == 0 ? 8 : PixelProcessing.trainedBitDepth(meta)))
                .append(" images of ").append(w).append("x").append(h).append(" pixels: synthetic images like those of `").append(TEST_INPUT)
                .append("` on one side, real (or camera-like) eye images on the other. ");
        b.append("Pixels were scaled by their bit depth: ").append(meta.getOrDefault(ModelExport.KEY_NORMALIZATION, "not recorded")).append(".\n\n");
        if (train.isEmpty()) {
            b.append("The model does not record its training settings.\n\n");
        } else {
            b.append("| setting | value |\n| --- | --- |\n");
            train.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            b.append('\n');
        }
        b.append("## Evaluation\n\n");
        if (evaluation == null) {
            b.append("Not measured for this package. `java -jar simgan.jar evaluate --model PACKAGE.zip --synthetic SYN --real REAL --out DIR` ")
                    .append("measures it (see Validation); export again with `--evaluation DIR` to include the figures.\n\n");
        } else {
            b.append(evaluation.markdown()).append('\n');
        }
        b.append("## Validation\n\n");
        b.append("Refinement is good when refined images are hard to tell from real ones and their gaze labels stay true. SimGAN for ImageJ's ")
                .append("`evaluate` command (and Plugins > SimGAN > Evaluate Refinement) measures both on held-out data: a two-sample classifier test ")
                .append("(accuracy and ROC AUC of a small CNN telling real from synthetic, and real from refined images; 50% / 0.5 means ")
                .append("indistinguishable) and a gaze estimator trained on synthetic images, tested on held-out synthetic images and on their ")
                .append("refined versions (the difference in mean angular error is what refinement cost the labels). Validate on real images that ")
                .append("were not used for training, from the camera you want to match. `bioimageio test PACKAGE.zip` (bioimageio.core) checks ")
                .append("that the package reproduces its test output.\n\n");
        b.append("## How to run\n\n");
        b.append("- bioimage.io tools (bioimageio.core, deepImageJ, ...): load the package like any model with ONNX weights; the pre- and ")
                .append("postprocessing above are the spec's own operations.\n");
        b.append("- SimGAN for ImageJ: `java -jar simgan.jar refine --model PACKAGE.zip --input eyes.h5 --output refined.h5`, or in ImageJ/Fiji ")
                .append("Plugins > SimGAN > Load Refiner (`model=PACKAGE.zip`), then Refine Stack or Refine Folder; slice labels (gaze) are kept.\n");
        b.append("- Any ONNX runtime: `").append(WEIGHTS).append("` takes float32 [N, 1, ").append(h).append(", ").append(w)
                .append("] in [-1, 1] and returns the same shape; it carries the training settings as ONNX metadata (`simgan.*`).\n\n");
        b.append("## Limitations\n\n");
        b.append("Images must be ").append(w).append("x").append(h).append(" pixels, one channel, stored like the training data (")
                .append(p.inputType()).append("). The refiner learned one pair of image sets: it makes images look like its real training images, ")
                .append("not like any camera, and it is meant for synthetic eye images like its training's synthetic side. Labels are kept only as ")
                .append("far as the self-regularization holds: measure the label cost (Validation) before training on refined data.\n\n");
        b.append("## Citation\n\n").append(PAPER).append(". doi:").append(PAPER_DOI).append("\n");
        return b.toString();
    }

    private static String ops(List<ProcessingOp> ops) {
        List<String> parts = new ArrayList<>();
        for (ProcessingOp o : ops) {
            StringBuilder s = new StringBuilder("`").append(o.id());
            if (!o.kwargs().isEmpty()) {
                List<String> kv = new ArrayList<>();
                o.kwargs().forEach((k, v) -> kv.add(k + "=" + v));
                s.append("(").append(String.join(", ", kv)).append(")");
            }
            parts.add(s.append("`").toString());
        }
        return String.join(", then ", parts);
    }

    /**
     * The figures of an evaluation report ({@code evaluate}'s summary.csv: section, metric, value), with the inputs
     * (local paths) cut to their file names; {@code csv} is the summary rewritten that way, for the package.
     */
    record Evaluation(byte[] csv, List<String[]> rows) {
        static Evaluation read(Path path) throws IOException {
            Path file = Files.isDirectory(path) ? path.resolve("summary.csv") : path;
            if (!Files.isRegularFile(file)) {
                throw new IOException("no evaluation summary at " + file + ": give the summary.csv (or the report folder) that 'evaluate' wrote");
            }
            byte[] bytes = Files.readAllBytes(file);
            List<String[]> rows = new ArrayList<>();
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            if (lines.length == 0 || !lines[0].trim().equals("section,metric,value")) {
                throw new IOException(file + " is not an evaluation summary (its first line should be 'section,metric,value')");
            }
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) continue;
                List<String> cells = csvCells(lines[i]);
                if (cells.size() != 3) throw new IOException(file + " line " + (i + 1) + " does not have three cells (section, metric, value)");
                String[] row = cells.toArray(new String[0]);
                if (row[0].equals("input")) row[2] = baseName(row[2]); // local paths stay out of a shared package
                rows.add(row);
            }
            StringBuilder csv = new StringBuilder("section,metric,value\n");
            for (String[] r : rows) csv.append(r[0]).append(',').append(r[1]).append(',').append(csvCell(r[2])).append('\n');
            return new Evaluation(csv.toString().getBytes(StandardCharsets.UTF_8), rows);
        }

        private static String baseName(String v) {
            int slash = Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\'));
            return slash < 0 ? v : v.substring(slash + 1);
        }

        private static String csvCell(String v) {
            return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
        }

        private static List<String> csvCells(String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            return cells;
        }

        String value(String section, String metric) {
            for (String[] r : rows) if (r[0].equals(section) && r[1].equals(metric)) return r[2];
            return null;
        }

        /** Every row, grouped by section, numbers as numbers (inputs, which may be local paths, by file name only). */
        Map<String, Object> config() {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String[] r : rows) {
                @SuppressWarnings("unchecked")
                Map<String, Object> section = (Map<String, Object>) out.computeIfAbsent(r[0], k -> new LinkedHashMap<String, Object>());
                String v = r[2];
                section.put(r[1], r[0].equals("input") ? v : typed(v));
            }
            return out;
        }

        String markdown() {
            StringBuilder b = new StringBuilder("From `evaluate` (the full table is `").append(EVALUATION).append("`):\n\n| figure | value |\n| --- | --- |\n");
            String[][] figures = {
                {"data", "synthetic_images", "synthetic images"}, {"data", "real_images", "real images"},
                {"c2st_synthetic_vs_real", "accuracy", "C2ST accuracy, synthetic vs real (0.5: indistinguishable)"},
                {"c2st_synthetic_vs_real", "auc", "C2ST AUC, synthetic vs real"},
                {"c2st_refined_vs_real", "accuracy", "C2ST accuracy, refined vs real"},
                {"c2st_refined_vs_real", "auc", "C2ST AUC, refined vs real"},
                {"realism", "auc_change_refined_minus_synthetic", "AUC change, refined - synthetic"},
                {"labels", "mean_abs_change_grey_levels", "mean abs change, grey levels"},
                {"labels", "pupil_centre_shift_px", "pupil centre shift, pixels"},
                {"labels", "gaze_on_synthetic_mean_deg", "gaze error on synthetic, degrees"},
                {"labels", "gaze_on_refined_mean_deg", "gaze error on refined, degrees"},
                {"labels", "label_cost_deg", "label cost (refined - synthetic), degrees"},
            };
            int shown = 0;
            for (String[] f : figures) {
                String v = value(f[0], f[1]);
                if (v != null) {
                    b.append("| ").append(f[2]).append(" | ").append(v).append(" |\n");
                    shown++;
                }
            }
            if (shown == 0) b.append("| (no headline figures in the summary) | |\n");
            return b.toString();
        }
    }
}
