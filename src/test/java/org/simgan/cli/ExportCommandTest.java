package org.simgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.bioimageio.ModelPackage;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.nn.ModelExport;
import org.simgan.nn.Refiner;

/** export --bioimageio and refine --model PACKAGE as a user runs them. */
class ExportCommandTest {

    /** Exit code, standard output and standard error of one command. */
    private record Run(int code, String out, String err) {
    }

    private static Run main(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.run(args), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void exportThenRefineWithThePackageGivesTheSameFileAsWithTheOnnx(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("refiner.onnx");
        Refiner net = new Refiner(12, 16, 4, 1);
        ModelExport.save(ModelExport.model(net, net.initialize(4), Map.of(ModelExport.KEY_NORMALIZATION, "linear 0..255 -> -1..1")), model);
        EyeDataset images = CommandLineTest.images(9, 3, true);
        Path syn = dir.resolve("syn.h5");
        DatasetIo.write(images, syn);
        Path pkg = dir.resolve("pkg.zip");
        Run r = main("export", "--model", model.toString(), "--bioimageio", pkg.toString(), "--synthetic", syn.toString(), "--samples", "3",
                "--name", "CLI test refiner", "--authors", "Ann Smith; Bo Li", "--license", "CC0-1.0", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote bioimage.io model 'CLI test refiner' (16x12 uint8 images, 3 test samples) to " + pkg), r.out());
        ModelPackage p = ModelPackage.open(pkg);
        assertEquals("CC0-1.0", p.description().get("license"));
        assertEquals("syn.h5", ((Map<?, ?>) p.config().get("simgan")).get("test_samples_from"));

        Path a = dir.resolve("a.h5"), b = dir.resolve("b.h5");
        assertEquals(0, main("refine", "--model", model.toString(), "--input", syn.toString(), "--output", a.toString(), "--threads", "1").code());
        r = main("refine", "--model", pkg.toString(), "--input", syn.toString(), "--output", b.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        EyeDataset x = DatasetIo.read(a), y = DatasetIo.read(b);
        assertEquals(x.labels(), y.labels());
        for (int i = 0; i < x.size(); i++) assertArrayEquals(x.pixels(i), y.pixels(i), "image " + i);
    }

    @Test
    void exportUsageErrorsAreExplained(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("refiner.onnx");
        Refiner net = new Refiner(12, 16, 4, 1);
        ModelExport.save(ModelExport.model(net, net.initialize(4), Map.of()), model);
        Path syn = dir.resolve("syn.tif");
        DatasetIo.write(CommandLineTest.images(3, 3, false), syn);
        Run r = main("export", "--model", model.toString(), "--bioimageio", dir.resolve("p.zip").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing option --synthetic"), r.err());
        r = main("export", "--model", model.toString(), "--bioimageio", dir.resolve("p.zip").toString(), "--synthetic", syn.toString(), "--sample", "2");
        assertTrue(r.code() == 2 && r.err().contains("unknown option(s): --sample"), r.err());
        r = main("export", "--model", model.toString(), "--bioimageio", dir.resolve("p.zip").toString(), "--synthetic", syn.toString(), "--license", "GPL");
        assertTrue(r.code() == 1 && r.err().contains("'GPL' is not an SPDX license identifier"), r.err());
        r = main("export", "--model", model.toString(), "--bioimageio", dir.resolve("missing-folder/p.zip").toString(), "--synthetic", syn.toString());
        assertTrue(r.code() == 1 && r.err().contains("does not exist"), r.err());
        assertTrue(Files.notExists(dir.resolve("p.zip")));
        r = main("export", "--help");
        assertTrue(r.out().contains("--bioimageio OUT.zip") && r.out().contains("--evaluation"), r.out());
    }
}
