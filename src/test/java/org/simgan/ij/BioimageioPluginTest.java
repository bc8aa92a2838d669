package org.simgan.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.simgan.bioimageio.ModelPackage;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ImageStacks;
import org.simgan.progress.Listener;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

/** Export as bioimage.io through its macro option string (headless), and packages in Load Refiner and the SciJava service. */
class BioimageioPluginTest {

    @BeforeAll
    static void commands() throws Exception {
        ImageJHeadless.install();
    }

    private static String q(Path p) {
        return "[" + p.toAbsolutePath() + "]";
    }

    private static void assertSameImages(EyeDataset expected, EyeDataset actual) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.labels(), actual.labels());
        assertEquals(expected.bitDepth(), actual.bitDepth());
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.pixels(i), actual.pixels(i), "image " + i);
    }

    @Test
    void exportMacroWritesAPackageThatLoadsAndRefinesLikeTheOnnx(@TempDir Path dir) throws Exception {
        EyeDataset src = TestData.images(6, 8, false, 21);
        Path stack = TestData.write(src, dir.resolve("export-eyes.tif"));
        Path model = TestData.model(dir.resolve("refiner.onnx"));
        Path pkg = dir.resolve("refiner.zip");
        ImageJHeadless.Result r = ImageJHeadless.run("run(\"Export as bioimage.io\", \"model=" + q(model) + " synthetic=" + q(stack) + " output=" + q(pkg)
                + " samples=3 name=[Eye refiner (test)] description=[A test.] authors=[Ann Smith; Bo Li] license=MIT\");");
        assertFalse(r.aborted(), r.output());
        assertTrue(r.output().contains("Export as bioimage.io: wrote bioimage.io model 'Eye refiner (test)' (16x12 uint8 images, 3 test samples)"), r.output());
        ModelPackage p = ModelPackage.open(pkg);
        assertEquals("Eye refiner (test)", p.name());
        assertEquals("MIT", p.description().get("license"));
        assertEquals(List.of(Map.of("name", "Ann Smith"), Map.of("name", "Bo Li")), p.description().get("authors"));
        assertEquals("export-eyes.tif", ((Map<?, ?>) p.config().get("simgan")).get("test_samples_from"));

        // Load Refiner takes the package; Refine Stack then gives what the .onnx gives
        Path saved = dir.resolve("refined.tif");
        r = ImageJHeadless.run("setBatchMode(true); close(\"*\"); run(\"Load Refiner\", \"model=" + q(pkg) + "\"); open(\"" + stack.toAbsolutePath() + "\");"
                + "run(\"Refine Stack\", \"batch=4\"); saveAs(\"Tiff\", \"" + saved.toAbsolutePath() + "\");");
        assertFalse(r.aborted(), r.output());
        assertTrue(r.output().contains("Load Refiner: " + pkg.toAbsolutePath() + " (bioimage.io model 'Eye refiner (test)', images 16x12)"), r.output());
        EyeDataset expected;
        try (RefinerModel m = new RefinerModel(model, new Engine(Device.CPU, 1))) {
            expected = m.refine(src, 32, Listener.NONE);
        }
        assertSameImages(expected, DatasetIo.read(saved));

        // the loaded refiner is the default model, and an open stack (by title) gives the samples
        Path again = dir.resolve("again.zip");
        r = ImageJHeadless.run("setBatchMode(true); close(\"*\"); run(\"Load Refiner\", \"model=" + q(model) + "\"); open(\"" + stack.toAbsolutePath() + "\");"
                + "run(\"Export as bioimage.io\", \"synthetic=export-eyes.tif output=" + q(again) + "\");");
        assertFalse(r.aborted(), r.output());
        assertTrue(r.output().contains("'SimGAN refiner 16x12' (16x12 uint8 images, 4 test samples)"), r.output());
        assertEquals("export-eyes.tif", ((Map<?, ?>) ModelPackage.open(again).config().get("simgan")).get("test_samples_from"));
    }

    @Test
    void exampleMacroExportsLoadsThePackageAndRefines(@TempDir Path dir) throws Exception {
        EyeDataset src = TestData.images(5, 8, false, 24);
        Path stack = TestData.write(src, dir.resolve("macro-eyes.tif"));
        Path model = TestData.model(dir.resolve("refiner.onnx"));
        Path pkg = dir.resolve("shared.zip"), saved = dir.resolve("refined.tif");
        ImageJHeadless.Result r = ImageJHeadless.runFile(Path.of("macros", "export-bioimageio.ijm"), "model=" + q(model) + " synthetic=" + q(stack)
                + " output=" + q(pkg) + " authors=[Ann Smith] stack=" + q(stack) + " saveto=" + q(saved));
        assertTrue(r.output().contains("package: " + pkg.toAbsolutePath()) && r.output().contains("refined 5 slices with " + pkg.toAbsolutePath()), r.output());
        try (RefinerModel m = new RefinerModel(model, new Engine(Device.CPU, 1))) {
            assertSameImages(m.refine(src, 32, Listener.NONE), DatasetIo.read(saved));
        }
    }

    @Test
    void exportMacroErrorsSayWhatToFix(@TempDir Path dir) throws Exception {
        Path stack = TestData.write(TestData.images(3, 8, false, 22), dir.resolve("eyes.tif"));
        Path model = TestData.model(dir.resolve("refiner.onnx"));
        ImageJHeadless.Result r = ImageJHeadless.run("run(\"Export as bioimage.io\", \"model=" + q(model) + " synthetic=" + q(stack) + "\");");
        assertTrue(r.aborted() && r.output().contains("give the package file to write"), r.output());
        r = ImageJHeadless.run("run(\"Export as bioimage.io\", \"model=" + q(model) + " synthetic=" + q(stack) + " output=" + q(dir.resolve("x.zip"))
                + " license=[my own]\");");
        assertTrue(r.aborted() && r.output().contains("not an SPDX license identifier"), r.output());
        r = ImageJHeadless.run("run(\"Export as bioimage.io\", \"model=" + q(model) + " synthetic=[no such stack] output=" + q(dir.resolve("x.zip")) + "\");");
        assertTrue(r.aborted() && r.output().contains("neither an open image nor an existing file"), r.output());
        CurrentRefiner.clear();
        r = ImageJHeadless.run("run(\"Export as bioimage.io\", \"synthetic=" + q(stack) + " output=" + q(dir.resolve("x.zip")) + "\");");
        assertTrue(r.aborted() && r.output().contains("no refiner is loaded"), r.output());
        assertFalse(Files.exists(dir.resolve("x.zip")), "nothing written");
    }

    @Test
    void theServiceLoadsAPackage(@TempDir Path dir) throws Exception {
        EyeDataset src = TestData.images(4, 8, false, 23);
        Path model = TestData.model(dir.resolve("refiner.onnx"));
        Path pkg = dir.resolve("refiner.zip");
        ImageJHeadless.Result r = ImageJHeadless.run("run(\"Export as bioimage.io\", \"model=" + q(model) + " synthetic=" + q(TestData.write(src,
                dir.resolve("eyes.h5"))) + " output=" + q(pkg) + "\");");
        assertFalse(r.aborted(), r.output());
        EyeDataset expected;
        try (RefinerModel m = new RefinerModel(model, new Engine(Device.CPU, 1))) {
            expected = m.refine(src, 32, Listener.NONE);
        }
        try (Context context = new Context()) {
            SimGanService simgan = context.service(SimGanService.class);
            RefinerModel loaded = simgan.loadRefiner(pkg.toFile());
            assertEquals("SimGAN refiner 16x12", loaded.packageName());
            assertSame(loaded, CurrentRefiner.get());
            assertSameImages(expected, ImageStacks.fromImagePlus(simgan.refine(ImageStacks.toImagePlus(src, "eyes"))));
        }
    }
}
