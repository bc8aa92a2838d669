package org.simgan.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.simgan.bioimageio.ModelPackage;
import org.simgan.bioimageio.Npy;
import org.simgan.bioimageio.Yaml;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.Normalization;
import org.simgan.data.SliceLabel;
import org.simgan.graph.Graph;
import org.simgan.nn.ModelExport;
import org.simgan.nn.Refiner;
import org.simgan.progress.Listener;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;
import org.simgan.train.TrainSettings;

/**
 * bioimage.io packages: an exported package is valid by the spec's schema, its own description reproduces its test
 * output, loading it refines exactly as the .onnx does, and packages that are not one-channel image-to-image models
 * are refused with a message that names the problem.
 */
class BioimageioPackageTest {
    private static final Engine ENGINE = new Engine(Device.CPU, 1);
    private static final int H = 12, W = 16;

    /** A freshly initialised tiny refiner with the metadata a training run on {@code bitDepth} images writes. */
    static Path model(Path file, int bitDepth) throws IOException {
        Refiner net = new Refiner(H, W, 4, 1);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(ModelExport.KEY_NORMALIZATION, Normalization.forBitDepth(bitDepth).describe());
        meta.put(PixelProcessing.KEY_BIT_DEPTH, Integer.toString(bitDepth));
        meta.put("simgan.trained_steps", "7");
        Map<String, String> settings = TrainSettings.defaults().toMap();
        settings.putAll(Map.of("height", "" + H, "width", "" + W, "features", "4", "blocks", "1"));
        settings.forEach((k, v) -> meta.put("simgan.train." + k, v));
        ModelExport.save(ModelExport.model(net, net.initialize(3), meta), file);
        return file;
    }

    /** Labelled images of {@code bitDepth} covering the whole range, so clipping and rounding are exercised. */
    static EyeDataset images(int n, int bitDepth, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double max = bitDepth == 8 ? 255 : bitDepth == 16 ? 65535 : 1;
        float[][] px = new float[n][H * W];
        SliceLabel[] labels = new SliceLabel[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < H * W; j++) {
                double v = r.nextDouble() * max;
                px[i][j] = bitDepth == 32 ? (float) v : Math.round(v);
            }
            labels[i] = new SliceLabel("eye" + i, Gaze.fromPitchYaw(0.1 * i, -0.05 * i));
        }
        return new EyeDataset(W, H, bitDepth, px, labels);
    }

    static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) files.put(e.getName(), in.readAllBytes());
        }
        return files;
    }

    private static Path export(Path dir, int bitDepth, BioimageioExport.Details details) throws IOException {
        Path model = model(dir.resolve("refiner" + bitDepth + ".onnx"), bitDepth);
        Path zip = dir.resolve("refiner" + bitDepth + ".zip");
        BioimageioExport.write(model, BioimageioExport.samples(images(10, bitDepth, bitDepth), 4), "test images", details, zip, ENGINE);
        return zip;
    }

    private static BioimageioExport.Details details() {
        return new BioimageioExport.Details("", "", List.of("Ann Smith"), "", null);
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return p.exitValue() + "\n" + out;
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32})
    void exportedPackagePassesTheSpecsSchemaCheck(int bitDepth, @TempDir Path dir) throws Exception {
        Path script = Path.of("..", "shared", "bioimageio", "validate.py").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(script), "skipped: " + script + " is absent (../shared is not beside the project)");
        String check;
        try {
            check = run(dir, "python3", "-c", "import jsonschema, yaml");
        } catch (IOException e) {
            check = "1\n" + e.getMessage();
        }
        Assumptions.assumeTrue(check.startsWith("0\n"), "skipped: python3 with jsonschema and yaml is missing (Debian: python3-jsonschema, "
                + "python3-yaml): " + check);
        Path evaluation = null;
        if (bitDepth == 8) {
            evaluation = Files.writeString(dir.resolve("summary.csv"), "section,metric,value\ninput,synthetic,/data/syn.h5\n"
                    + "c2st_refined_vs_real,accuracy,0.6100\nc2st_refined_vs_real,auc,0.6500\nlabels,label_cost_deg,0.4100\n"
                    + "input,refiner,\"R, 64 features\"\n");
        }
        Path zip = export(dir, bitDepth, new BioimageioExport.Details("Tiny test refiner (" + bitDepth + "-bit)", "A tiny refiner for tests.",
                List.of("Ann Smith", "Bo Li"), "MIT", evaluation));
        String out = run(dir, "python3", script.toString(), zip.toString());
        assertTrue(out.startsWith("0\n") && out.contains("valid bioimage.io model 0.5"), out);
        if (bitDepth == 8) {
            Map<String, byte[]> files = unzip(zip);
            String readme = new String(files.get(BioimageioExport.DOCUMENTATION), StandardCharsets.UTF_8);
            assertTrue(readme.contains("| label cost (refined - synthetic), degrees | 0.4100 |"), readme);
            String summary = new String(files.get(BioimageioExport.EVALUATION), StandardCharsets.UTF_8);
            assertTrue(summary.contains("input,synthetic,syn.h5\n") && summary.contains("input,refiner,\"R, 64 features\"\n")
                    && !summary.contains("/data/"), summary);
            String rdf = new String(files.get(ModelPackage.RDF), StandardCharsets.UTF_8);
            assertTrue(rdf.contains("synthetic: \"syn.h5\"") && !rdf.contains("/data/"), "no local paths in the description: " + rdf);
        }
        // NumPy reads the test tensors as the description states them
        String numpy = run(dir, "python3", "-c", "import numpy");
        if (numpy.startsWith("0\n")) {
            String dtype = PixelProcessing.dataType(bitDepth);
            String py = "import io, sys, zipfile, numpy\nz = zipfile.ZipFile(sys.argv[1])\n"
                    + "for n in ('test_input.npy', 'test_output.npy'):\n    a = numpy.load(io.BytesIO(z.read(n)))\n    print(n, a.dtype.name, a.shape)\n";
            out = run(dir, "python3", "-c", py, zip.toString());
            assertTrue(out.contains("test_input.npy " + dtype + " (4, 1, 12, 16)") && out.contains("test_output.npy " + dtype + " (4, 1, 12, 16)"), out);
        }
    }

    /** The spec's operations as bioimage.io's Python core computes them on float32 tensors, written here from the spec. */
    private static float[] specOps(Object ops, float[] v) {
        float[] x = v.clone();
        for (Object o : (List<?>) ops) {
            Map<?, ?> op = (Map<?, ?>) o;
            Map<?, ?> kw = (Map<?, ?>) op.get("kwargs");
            switch ((String) op.get("id")) {
                case "scale_linear" -> {
                    float gain = ((Number) kw.get("gain")).floatValue(), offset = ((Number) kw.get("offset")).floatValue();
                    for (int i = 0; i < x.length; i++) x[i] = x[i] * gain + offset;
                }
                case "clip" -> {
                    float lo = ((Number) kw.get("min")).floatValue(), hi = ((Number) kw.get("max")).floatValue();
                    for (int i = 0; i < x.length; i++) x[i] = Math.max(lo, Math.min(hi, x[i]));
                }
                case "ensure_dtype" -> {
                    if (!kw.get("dtype").toString().startsWith("float")) for (int i = 0; i < x.length; i++) x[i] = (float) (long) x[i];
                }
                default -> throw new AssertionError("an op the export should not write: " + op);
            }
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32})
    void descriptionsProcessingAndWeightsReproduceTheTestOutput(int bitDepth, @TempDir Path dir) throws Exception {
        Map<String, byte[]> files = unzip(export(dir, bitDepth, details()));
        Map<?, ?> rdf = (Map<?, ?>) Yaml.parse(new String(files.get("rdf.yaml"), StandardCharsets.UTF_8));
        Map<?, ?> in = (Map<?, ?>) ((List<?>) rdf.get("inputs")).get(0), out = (Map<?, ?>) ((List<?>) rdf.get("outputs")).get(0);
        Map<?, ?> weights = (Map<?, ?>) ((Map<?, ?>) rdf.get("weights")).get("onnx");
        assertEquals(17L, weights.get("opset_version"));
        Npy.Array testIn = Npy.read(files.get(((Map<?, ?>) in.get("test_tensor")).get("source").toString()), "test_input.npy");
        Npy.Array testOut = Npy.read(files.get(((Map<?, ?>) out.get("test_tensor")).get("source").toString()), "test_output.npy");
        String dtype = PixelProcessing.dataType(bitDepth);
        assertEquals(dtype, testIn.dtype());
        assertEquals(dtype, ((Map<?, ?>) in.get("data")).get("type"));
        assertEquals(dtype, testOut.dtype());
        assertArrayEquals(new long[] {4, 1, H, W}, testIn.shape());
        EyeDataset samples = BioimageioExport.samples(images(10, bitDepth, bitDepth), 4);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < H * W; j++) assertEquals(samples.pixels(i)[j], testIn.values()[i * H * W + j], 0.0, "test input = stored pixels");
        }

        float[] x = new float[(int) testIn.size()];
        for (int i = 0; i < x.length; i++) x[i] = (float) testIn.values()[i];
        float[] pre = specOps(in.get("preprocessing"), x);
        float[] y;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(files.get(weights.get("source").toString()), new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(pre), testIn.shape());
             OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
            FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
            y = new float[b.remaining()];
            b.get(y);
        }
        float[] result = specOps(out.get("postprocessing"), y);
        double tolerance = 1e-3;
        Object config = ((Map<?, ?>) ((Map<?, ?>) rdf.get("config")).get("bioimageio")).get("reproducibility_tolerance");
        if (config != null) tolerance = ((Number) ((Map<?, ?>) ((List<?>) config).get(0)).get("absolute_tolerance")).doubleValue();
        int exact = 0;
        for (int i = 0; i < result.length; i++) {
            double want = testOut.values()[i];
            assertEquals(want, result[i], tolerance + 1e-3 * Math.abs(want), "element " + i);
            if (want == result[i]) exact++;
        }
        assertTrue(exact >= result.length * 0.99, exact + " of " + result.length + " elements exactly as in test_output.npy");
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16})
    void packageRefinesToTheSameBytesAsTheOnnx(int bitDepth, @TempDir Path dir) throws Exception {
        Path zip = export(dir, bitDepth, details());
        Path folder = Files.createDirectories(dir.resolve("unzipped"));
        for (Map.Entry<String, byte[]> f : unzip(zip).entrySet()) Files.write(folder.resolve(f.getKey()), f.getValue());
        EyeDataset src = images(9, bitDepth, 99);
        EyeDataset expected;
        try (RefinerModel m = new RefinerModel(dir.resolve("refiner" + bitDepth + ".onnx"), ENGINE)) {
            expected = m.refine(src, 4, Listener.NONE);
        }
        for (Path p : List.of(zip, folder)) {
            try (RefinerModel m = new RefinerModel(p, ENGINE)) {
                assertEquals("SimGAN refiner 16x12", m.packageName());
                assertEquals("7", m.metadata().get("simgan.trained_steps"), "the package's weights keep the training metadata");
                EyeDataset got = m.refine(src, 3, Listener.NONE);
                assertEquals(expected.bitDepth(), got.bitDepth());
                assertEquals(expected.labels(), got.labels());
                for (int i = 0; i < src.size(); i++) assertArrayEquals(expected.pixels(i), got.pixels(i), p + " image " + i);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> m.refine(images(2, bitDepth == 8 ? 16 : 8, 1), 2, Listener.NONE));
                assertTrue(e.getMessage().contains("takes " + PixelProcessing.dataType(bitDepth)), e.getMessage());
            }
        }
    }

    @Test
    void exportRefusesWhatWouldMakeAnInvalidPackage(@TempDir Path dir) throws Exception {
        Path model = model(dir.resolve("r.onnx"), 8);
        EyeDataset samples = images(3, 8, 1);
        Path zip = dir.resolve("r.zip");
        String[][] cases = {
            {"", "", "Not-A-License", "r.zip", "not an SPDX license"},
            {"bad/name!", "", "", "r.zip", "letters, digits"},
            {"", "", "", "r.tar", "must end in .zip"},
        };
        for (String[] c : cases) {
            Exception e = assertThrows(Exception.class, () -> BioimageioExport.write(model, samples, "x",
                    new BioimageioExport.Details(c[0], c[1], List.of(), c[2], null), dir.resolve(c[3]), ENGINE));
            assertTrue(e.getMessage().contains(c[4]), e.getMessage());
        }
        Exception e = assertThrows(IllegalArgumentException.class, () -> BioimageioExport.write(model, images(3, 16, 1), "deep.tif", details(), zip, ENGINE));
        assertTrue(e.getMessage().contains("trained on 8-bit") && e.getMessage().contains("16-bit"), e.getMessage());
        EyeDataset wide = new EyeDataset(20, 10, 8, new float[][] {new float[200]}, new SliceLabel[] {new SliceLabel("a", null)});
        e = assertThrows(IllegalArgumentException.class, () -> BioimageioExport.write(model, wide, "wide.tif", details(), zip, ENGINE));
        assertTrue(e.getMessage().contains("20x10") && e.getMessage().contains("16x12"), e.getMessage());
        e = assertThrows(IOException.class, () -> BioimageioExport.write(model, samples, "x",
                new BioimageioExport.Details("", "", List.of(), "", dir.resolve("no-report")), zip, ENGINE));
        assertTrue(e.getMessage().contains("no evaluation summary"), e.getMessage());
        BioimageioExport.write(model, samples, "x", details(), zip, ENGINE);
        e = assertThrows(IllegalArgumentException.class, () -> BioimageioExport.write(zip, samples, "x", details(), dir.resolve("again.zip"), ENGINE));
        assertTrue(e.getMessage().contains("is a bioimage.io package already"), e.getMessage());
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().contains(".part")), "no temporary files left behind");
    }

    // ------------------------------------------------------------------ packages made by other tools

    /** An identity network whose ONNX input and output leave height and width open (dim_param), as other exporters write. */
    private static byte[] openSizeIdentity() {
        Graph g = new Graph();
        g.output("out", g.input("raw", -1, 1, H, W).mul(1.0));
        ModelProto m = g.toModel("identity", Map.of());
        ModelProto.Builder b = m.toBuilder();
        for (var v : List.of(b.getGraphBuilder().getInputBuilder(0), b.getGraphBuilder().getOutputBuilder(0))) {
            TensorShapeProto.Builder s = v.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
            s.setDim(2, TensorShapeProto.Dimension.newBuilder().setDimParam("h"));
            s.setDim(3, TensorShapeProto.Dimension.newBuilder().setDimParam("w"));
        }
        return b.build().toByteArray();
    }

    private static final String FOREIGN = """
            format_version: 0.5.3
            type: model
            name: other tool's model
            inputs:
            - id: raw
              axes:
              - type: batch
              - type: channel
                channel_names: [c0]
              - {type: space, id: y, size: 12}
              - {type: space, id: x, size: 16}
              data: {type: float32}
              test_tensor: {source: in.npy}
              preprocessing:
              - id: fixed_zero_mean_unit_variance
                kwargs: {mean: 100.0, std: 50.0}
            outputs:
            - id: out
              axes:
              - type: batch
              - type: channel
                channel_names: [c0]
              - type: space
                id: y
                size: {tensor_id: raw, axis_id: y}
              - type: space
                id: x
                size: {tensor_id: raw, axis_id: x}
              data: {type: float32}
              test_tensor: {source: out.npy}
              postprocessing:
              - id: scale_linear
                kwargs: {gain: 2.0, offset: 0.5}
            weights:
              onnx: {source: model.onnx, opset_version: 17}
            """;

    private static Path foreign(Path dir, String name, String rdf) throws IOException {
        Path p = Files.createDirectories(dir.resolve(name));
        Files.writeString(p.resolve("rdf.yaml"), rdf);
        Files.write(p.resolve("model.onnx"), openSizeIdentity());
        return p;
    }

    @Test
    void aOneChannelPackageFromAnotherToolRunsWithItsOwnProcessing(@TempDir Path dir) throws Exception {
        Path p = foreign(dir, "other", FOREIGN);
        EyeDataset src = images(5, 8, 3);
        try (RefinerModel m = new RefinerModel(p, ENGINE)) {
            assertEquals(H, m.height());
            assertEquals(W, m.width());
            EyeDataset out = m.refine(src, 2, Listener.NONE);
            assertEquals(32, out.bitDepth(), "a float32 output makes a 32-bit stack");
            for (int i = 0; i < src.size(); i++) {
                for (int j = 0; j < H * W; j++) {
                    float v = (src.pixels(i)[j] - 100f) / (float) (50.0 + 1e-6);
                    assertEquals(v * 2f + 0.5f, out.pixels(i)[j], 1e-5f);
                }
            }
            assertEquals(src.labels(), out.labels());
        }
    }

    @Test
    void packagesThatAreNotOneChannelImageToImageModelsAreRefusedSayingWhy(@TempDir Path dir) throws Exception {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("rgb", new String[] {FOREIGN.replaceFirst("channel_names: \\[c0]", "channel_names: [r, g, b]"), "3 channels [r, g, b]", "one channel"});
        cases.put("torch", new String[] {FOREIGN.replace("onnx: {source: model.onnx, opset_version: 17}",
                "pytorch_state_dict: {source: w.pt, architecture: {callable: Net, source: net.py}, pytorch_version: 2.1}"),
            "no ONNX weights (it has pytorch_state_dict)"});
        cases.put("rule", new String[] {FOREIGN.replace("{type: space, id: y, size: 12}", "{type: space, id: y, size: {min: 64, step: 16}}"),
            "sizes by a rule", "min 64 step 16"});
        cases.put("stats", new String[] {FOREIGN.replace("id: fixed_zero_mean_unit_variance\n    kwargs: {mean: 100.0, std: 50.0}",
                "id: zero_mean_unit_variance\n    kwargs: {axes: [x, y]}"), "inputs[0].preprocessing[0] is zero_mean_unit_variance", "statistics"});
        cases.put("old", new String[] {FOREIGN.replace("format_version: 0.5.3", "format_version: 0.4.10"), "format 0.4.10", "update-format"});
        cases.put("dataset", new String[] {FOREIGN.replace("type: model", "type: dataset"), "bioimage.io 'dataset', not a model"});
        cases.put("channels-last", new String[] {FOREIGN.replace(
                "  - type: channel\n    channel_names: [c0]\n  - {type: space, id: y, size: 12}\n  - {type: space, id: x, size: 16}\n",
                "  - {type: space, id: y, size: 12}\n  - {type: space, id: x, size: 16}\n  - type: channel\n    channel_names: [c0]\n"),
            "axes batch (batch, any), y (space, 12), x (space, 16), channel (channel, 1)", "batch, channel, y, x"});
        cases.put("volume", new String[] {FOREIGN.replace("- {type: space, id: y, size: 12}", "- {type: space, id: z, size: 8}\n  - {type: space, id: y, size: 12}"),
            "a 3-D model"});
        cases.put("two-inputs", new String[] {FOREIGN.replace("outputs:", """
                - id: mask
                  axes: [{type: batch}, {type: channel, channel_names: [m]}, {type: space, id: y, size: 12}, {type: space, id: x, size: 16}]
                  test_tensor: {source: mask.npy}
                outputs:"""), "2 inputs and 1 outputs", "one input image"});
        cases.put("sha", new String[] {FOREIGN.replace("onnx: {source: model.onnx,", "onnx: {source: model.onnx, sha256: " + "0".repeat(64) + ","),
            "does not have the sha256"});
        cases.put("url", new String[] {FOREIGN.replace("source: model.onnx", "source: https://example.org/model.onnx"), "by URL", "downloads nothing"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            String rdf = c.getValue()[0];
            assertTrue(!rdf.equals(FOREIGN), c.getKey() + ": the case changes the description");
            Path p = foreign(dir, c.getKey(), rdf);
            IOException e = assertThrows(IOException.class, () -> new RefinerModel(p, ENGINE), c.getKey());
            for (int k = 1; k < c.getValue().length; k++) {
                assertTrue(e.getMessage().contains(c.getValue()[k]), c.getKey() + ": " + e.getMessage());
            }
            assertTrue(e.getMessage().contains(p.toString()), "names the package: " + e.getMessage());
        }
        Path empty = Files.createDirectories(dir.resolve("empty"));
        IOException e = assertThrows(IOException.class, () -> new RefinerModel(empty, ENGINE));
        assertTrue(e.getMessage().contains("no rdf.yaml"), e.getMessage());
        Path notZip = Files.writeString(dir.resolve("broken.zip"), "not a zip");
        e = assertThrows(IOException.class, () -> new RefinerModel(notZip, ENGINE));
        assertTrue(e.getMessage().contains("not a readable zip file"), e.getMessage());
    }

    @Test
    void samplesAreSpreadOverTheImages() {
        EyeDataset all = images(10, 8, 5);
        EyeDataset s = BioimageioExport.samples(all, 4);
        assertEquals(List.of("eye0", "eye2", "eye5", "eye7"), s.labels().stream().map(SliceLabel::name).toList());
        assertEquals(3, BioimageioExport.samples(images(3, 8, 5), 4).size());
    }
}
