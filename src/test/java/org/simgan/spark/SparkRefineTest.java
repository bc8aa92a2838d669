package org.simgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ReadOptions;
import org.simgan.nn.ModelExport;
import org.simgan.nn.Refiner;
import org.simgan.progress.Listener;
import org.simgan.refine.FolderRefiner;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;
import org.simgan.sim.EyeSimulator;

/** The Spark job in local[2] mode gives the same bytes as the single-machine refine, and lists failures without stopping. */
class SparkRefineTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkRefineTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        if (sc != null) sc.close();
    }

    private static Path refiner(Path dir) throws IOException {
        Refiner net = new Refiner(35, 55, 4, 1);
        Path file = dir.resolve("refiner.onnx");
        ModelExport.save(ModelExport.model(net, net.initialize(3), Map.of()), file);
        return file;
    }

    /** The single-machine refine of one file (what {@code refine --model M --input IN --output OUT} runs). */
    private static void refineHere(Path model, Path in, Path out) throws IOException {
        try (RefinerModel m = new RefinerModel(model, new Engine(Device.CPU, 1))) {
            FolderRefiner.refineFile(m, in, out, ReadOptions.defaults(), 64, Listener.NONE);
        }
    }

    @Test
    void refinesAFolderAsTheSingleMachineRefineDoesAndListsFailures(@TempDir Path dir) throws Exception {
        Path model = refiner(dir);
        Path in = Files.createDirectories(dir.resolve("in"));
        EyeSimulator sim = new EyeSimulator(7);
        DatasetIo.write(sim.renderDataset(0, 70, Listener.NONE), in.resolve("a.h5"));
        DatasetIo.write(sim.renderDataset(70, 30, Listener.NONE), in.resolve("b.tif"));
        DatasetIo.write(sim.renderDataset(100, 20, Listener.NONE), in.resolve("c.hdf5"));
        Files.writeString(in.resolve("broken.h5"), "not HDF5");
        Path out = dir.resolve("out");

        List<SparkRefine.Result> results = SparkRefine.run(sc, SparkRefine.Options.parse(new String[] {
                "--model", model.toString(), "--input", in.toString(), "--output", out.toString(), "--threads", "1", "--batch", "16"}));

        assertEquals(4, results.size());
        SparkRefine.Result broken = results.stream().filter(r -> r.input().endsWith("broken.h5")).findFirst().orElseThrow();
        assertTrue(broken.error() != null && broken.error().contains("not HDF5"), String.valueOf(broken.error()));
        assertFalse(Files.exists(out.resolve("broken.h5")), "a failed file leaves no output");
        Path here = Files.createDirectories(dir.resolve("here"));
        for (String name : List.of("a.h5", "b.tif", "c.hdf5")) {
            Path single = here.resolve(name);
            refineHere(model, in.resolve(name), single);
            assertArrayEquals(Files.readAllBytes(single), Files.readAllBytes(out.resolve(name)), name + ": the same bytes as refine");
        }
        for (SparkRefine.Result r : results) if (!r.input().endsWith("broken.h5")) assertNull(r.error(), r.line());

        // outputs that exist are refused before any work, unless overwriting
        IOException exists = assertThrows(IOException.class, () -> SparkRefine.plan(SparkRefine.Options.parse(new String[] {
                "--model", model.toString(), "--input", in.toString(), "--output", out.toString()})));
        assertTrue(exists.getMessage().contains("exists already"), exists.getMessage());
    }

    @Test
    void cutsOneLargeFileIntoRangesWithTheirLabels(@TempDir Path dir) throws Exception {
        Path model = refiner(dir);
        Path in = dir.resolve("big.h5");
        EyeDataset all = new EyeSimulator(9).renderDataset(0, 50, Listener.NONE);
        DatasetIo.write(all, in);
        Path out = dir.resolve("parts");
        List<SparkRefine.Result> results = SparkRefine.run(sc, SparkRefine.Options.parse(new String[] {
                "--model", model.toString(), "--input", in.toString(), "--output", out.toString(), "--range", "20"}));
        assertEquals(List.of("big.00000000-00000019.h5", "big.00000020-00000039.h5", "big.00000040-00000049.h5"),
                results.stream().map(r -> Path.of(r.output()).getFileName().toString()).toList());
        Path whole = dir.resolve("whole.h5");
        refineHere(model, in, whole);
        EyeDataset expected = DatasetIo.read(whole);
        int from = 0;
        for (SparkRefine.Result r : results) {
            EyeDataset part = DatasetIo.read(Path.of(r.output()));
            for (int i = 0; i < part.size(); i++) {
                assertArrayEquals(expected.pixels(from + i), part.pixels(i), 0f, "image " + (from + i));
                assertEquals(expected.label(from + i).gaze(), part.label(i).gaze(), "the gaze of image " + (from + i));
            }
            from += part.size();
        }
        assertEquals(50, from);
    }

    @Test
    void badOptionsAreRefusedWithTheUsage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkRefine.Options.parse(new String[] {"--model", "m.onnx"}));
        assertTrue(e.getMessage().contains("--input") && e.getMessage().contains("usage: spark-submit"), e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> SparkRefine.Options.parse(new String[] {"--model", "m", "--input", "i", "--output", "o", "--threads", "0"}));
        assertTrue(n.getMessage().contains("--threads needs a whole number of at least 1, got '0'"), n.getMessage());
    }
}
