package org.simgan.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.progress.Listener;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

/** Every command through its macro option string, headless, and the example macros in macros/. */
class PluginMacrosTest {
    private static final Path MACROS = Path.of("macros");

    @BeforeAll
    static void commands() throws Exception {
        assertEquals(10, ImageJHeadless.install(), "plugins.config lists ten commands");
    }

    private static String q(Path p) {
        return "[" + p.toAbsolutePath() + "]";
    }

    private static void assertSameImages(EyeDataset expected, EyeDataset actual) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.labels(), actual.labels(), "slice labels carried over");
        assertEquals(expected.bitDepth(), actual.bitDepth());
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.pixels(i), actual.pixels(i), "image " + i);
    }

    @Test
    void everyConfiguredCommandIsAPlugin() throws Exception {
        for (String line : Files.readAllLines(Path.of("plugins.config"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String cls = line.substring(line.lastIndexOf(',') + 1).trim();
            assertTrue(ij.plugin.PlugIn.class.isAssignableFrom(Class.forName(cls)), cls);
        }
    }

    @Test
    void trainMacroTrainsFromTwoHdf5FilesAndLoadsTheRefiner(@TempDir Path dir) throws Exception {
        Path syn = TestData.write(TestData.images(12, 8, false, 1), dir.resolve("synthetic.h5"));
        Path real = TestData.write(TestData.images(12, 8, true, 2), dir.resolve("real.h5"));
        Path out = dir.resolve("run");
        ImageJHeadless.Result r = ImageJHeadless.runFile(MACROS.resolve("train-from-hdf5.ijm"),
                "synthetic=" + q(syn) + " real=" + q(real) + " output=" + q(out) + " settings=[" + TestData.TINY + "]");
        assertTrue(r.output().contains("trained refiner: "), r.output());
        assertTrue(Files.exists(out.resolve("refiner.onnx")));
        List<String> losses = Files.readAllLines(out.resolve("losses.csv"));
        assertEquals(1 + 2 + 1 + 2 * (2 + 1), losses.size(), "header and one line per step (2 iterations of kG 2 + kD 1)");
        assertEquals(out.resolve("refiner.onnx").toAbsolutePath(), CurrentRefiner.get().file(), "the trained refiner is the loaded one");

        // resume continues the same run in the same folder: more iterations, the same other settings
        r = ImageJHeadless.run("setBatchMode(true); run(\"Train SimGAN\", \"synthetic=" + q(syn) + " real=" + q(real) + " output=" + q(out)
                + " resume " + TestData.TINY + "\");");
        assertFalse(r.aborted(), r.output());
        assertTrue(r.output().contains("resuming at step 9"), r.output());
        assertFalse(r.output().contains("settings differ"), "the same settings: no note");
        // settings that differ from the run's are named, not used silently
        r = ImageJHeadless.run("setBatchMode(true); run(\"Train SimGAN\", \"synthetic=" + q(syn) + " real=" + q(real) + " output=" + q(out)
                + " resume " + TestData.TINY.replace("seed=5", "seed=6") + " lambda=0.5\");");
        assertFalse(r.aborted(), r.output());
        assertTrue(r.output().contains("these given settings differ and are not used: lambda 0.5 (the run's: 0.1), seed 6 (the run's: 5)"), r.output());
    }

    @Test
    void aRunStoppedOnTheCommandLineResumesInImageJFromItsFolderAlone(@TempDir Path dir) throws Exception {
        Path syn = TestData.write(TestData.images(12, 8, false, 1), dir.resolve("synthetic.h5"));
        Path real = TestData.write(TestData.images(12, 8, true, 2), dir.resolve("real.h5"));
        Path out = dir.resolve("run");
        List<String> cli = new java.util.ArrayList<>(List.of("train", "--synthetic", syn.toString(), "--real", real.toString(), "--out", out.toString(),
                "--max-steps", "4", "--threads", "1", "--log-every", "0"));
        for (String pair : TestData.TINY.split(" ")) {
            String[] kv = pair.split("=", 2);
            cli.add("--" + kv[0]);
            cli.add(kv[1]);
        }
        assertEquals(0, org.simgan.cli.Main.run(cli.toArray(new String[0])));
        assertEquals(4, org.simgan.train.Checkpoint.load(out.resolve(org.simgan.train.Checkpoint.FILE_NAME)).step(), "stopped after 4 steps");

        // no images, no settings: the folder says what to train on and how
        ImageJHeadless.Result r = ImageJHeadless.run("setBatchMode(true); run(\"Train SimGAN\", \"output=" + q(out) + " resume\");");
        assertFalse(r.aborted(), r.output());
        assertTrue(r.output().contains("resuming at step 4 of 9"), r.output());
        assertEquals(9, org.simgan.train.Checkpoint.load(out.resolve(org.simgan.train.Checkpoint.FILE_NAME)).step(), "finished");
        assertFalse(r.output().contains("settings differ"), "the dialog's defaults are not taken for given settings: " + r.output());

        // macros of earlier versions spell the settings without dashes; an unknown key is refused, not ignored
        r = ImageJHeadless.run("run(\"Train SimGAN\", \"synthetic=" + q(syn) + " real=" + q(real) + " output=" + q(dir.resolve("old"))
                + " " + TestData.TINY.replace("disc-width", "discwidth").replace("history-size", "historysize") + "\");");
        assertFalse(r.aborted(), r.output());
        assertEquals(8, org.simgan.train.Checkpoint.load(dir.resolve("old").resolve(org.simgan.train.Checkpoint.FILE_NAME)).settings().historySize());
        r = ImageJHeadless.run("run(\"Train SimGAN\", \"synthetic=" + q(syn) + " real=" + q(real) + " output=" + q(dir.resolve("typo"))
                + " histroy-size=8\");");
        assertTrue(r.aborted() && r.output().contains("has no option 'histroy-size'"), r.output());
        assertFalse(Files.exists(dir.resolve("typo")), "a refused command changes nothing");
    }

    @Test
    void thePaperPresetGivesTheSettingsAMacroLeavesOut(@TempDir Path dir) throws Exception {
        Path syn = TestData.write(TestData.images(12, 8, false, 1), dir.resolve("synthetic.h5"));
        Path real = TestData.write(TestData.images(12, 8, true, 2), dir.resolve("real.h5"));
        Path paper = dir.resolve("paper"), recommended = dir.resolve("recommended");
        for (Path out : List.of(paper, recommended)) {
            ImageJHeadless.Result r = ImageJHeadless.run("setBatchMode(true); run(\"Train SimGAN\", \"synthetic=" + q(syn) + " real=" + q(real)
                    + " output=" + q(out) + (out == paper ? " preset=paper " : " ") + TestData.TINY + "\");");
            assertFalse(r.aborted(), r.output());
        }
        org.simgan.train.TrainSettings p = org.simgan.train.Checkpoint.load(paper.resolve(org.simgan.train.Checkpoint.FILE_NAME)).settings();
        org.simgan.train.TrainSettings d = org.simgan.train.Checkpoint.load(recommended.resolve(org.simgan.train.Checkpoint.FILE_NAME)).settings();
        org.simgan.train.TrainSettings paperPreset = org.simgan.train.TrainSettings.paper();
        // left out of the macro: the paper's values; given (TestData.TINY): the macro's
        assertEquals(List.of(paperPreset.kG(), paperPreset.loss(), paperPreset.refinerPadding(), paperPreset.augment(), paperPreset.preprocess()),
                List.of(p.kG(), p.loss(), p.refinerPadding(), p.augment(), p.preprocess()));
        assertEquals(List.of(4, 1, 12, 16, "zero"), List.of(p.batch(), p.blocks(), p.height(), p.width(), p.discPadding()));
        assertEquals(org.simgan.train.TrainSettings.recommended().kG(), d.kG(), "without a preset: the recommended settings");
        assertEquals(1 + 2 + 1 + 2 * (1 + 1), Files.readAllLines(paper.resolve("losses.csv")).size(), "2 iterations of kG 1 + kD 1");

        ImageJHeadless.Result bad = ImageJHeadless.run("run(\"Train SimGAN\", \"synthetic=" + q(syn) + " real=" + q(real)
                + " output=" + q(dir.resolve("x")) + " preset=fast " + TestData.TINY + "\");");
        assertTrue(bad.output().contains("'preset' must be recommended or paper; got 'fast'"), bad.output());
        assertFalse(Files.exists(dir.resolve("x")), "a refused command changes nothing");
    }

    @Test
    void trainingRefusesAnRgbStackAndAnExistingRun(@TempDir Path dir) throws Exception {
        Path real = TestData.write(TestData.images(8, 8, true, 2), dir.resolve("real.tif"));
        ImageJHeadless.Result r = ImageJHeadless.run("setBatchMode(true); newImage(\"colour\", \"RGB black\", 16, 12, 4);"
                + "run(\"Train SimGAN\", \"synthetic=colour real=" + q(real) + " output=" + q(dir.resolve("run")) + " " + TestData.TINY + "\");");
        assertTrue(r.aborted(), "the macro stops at the error");
        assertTrue(r.output().contains("RGB"), r.output());
        assertFalse(Files.exists(dir.resolve("run")), "nothing written");

        r = ImageJHeadless.run("run(\"Train SimGAN\", \"synthetic=" + q(real) + " real=" + q(real) + " output=" + q(dir) + " resume " + TestData.TINY + "\");");
        assertTrue(r.aborted());
        assertTrue(r.output().contains("holds no training run to resume"), r.output());
    }

    @Test
    void refineOpenStackMacroMatchesTheCoreAndKeepsLabelsAndSource(@TempDir Path dir) throws Exception {
        EyeDataset src = TestData.images(7, 8, false, 4);
        Path stack = TestData.write(src, dir.resolve("eyes.tif"));
        Path model = TestData.model(dir.resolve("refiner.onnx"));
        Path saved = dir.resolve("refined.tif");
        ImageJHeadless.Result r = ImageJHeadless.runFile(MACROS.resolve("refine-open-stack.ijm"),
                "model=" + q(model) + " stack=" + q(stack) + " saveto=" + q(saved));
        assertTrue(r.output().contains("refined 7 slices of eyes.tif into eyes.tif-refined"), r.output());
        assertTrue(r.output().contains("model: " + model.toAbsolutePath()), "the model is recorded in the image properties: " + r.output());
        EyeDataset expected;
        try (RefinerModel m = new RefinerModel(model, new Engine(Device.CPU, 1))) {
            expected = m.refine(src, 3, Listener.NONE);
        }
        assertSameImages(expected, DatasetIo.read(saved));

        // the source stays as it was, and the refined stack records the options and the model
        Path after = dir.resolve("source-after.tif");
        r = ImageJHeadless.run("setBatchMode(true); open(\"" + stack.toAbsolutePath() + "\"); run(\"Refine Stack\", \"model=" + q(model) + " batch=2\");"
                + "print(\"title=\" + getTitle() + \" options=\" + Property.get(\"SimGAN.options\")); selectImage(\"eyes.tif\"); saveAs(\"Tiff\", \""
                + after.toAbsolutePath() + "\");");
        assertFalse(r.aborted(), r.output());
        assertTrue(r.output().contains("title=eyes.tif-refined options=image=[] model="), r.output());
        assertSameImages(src, DatasetIo.read(after));
    }

    @Test
    void sixteenBitStacksKeepTheirBitDepth(@TempDir Path dir) throws Exception {
        EyeDataset src = TestData.images(3, 16, false, 5);
        Path stack = TestData.write(src, dir.resolve("deep.tif"));
        Path model = TestData.model(dir.resolve("refiner.onnx"));
        Path saved = dir.resolve("deep-refined.tif");
        ImageJHeadless.Result r = ImageJHeadless.run("setBatchMode(true); open(\"" + stack.toAbsolutePath() + "\"); run(\"Refine Stack\", \"model="
                + q(model) + "\"); print(\"bits=\" + bitDepth()); saveAs(\"Tiff\", \"" + saved.toAbsolutePath() + "\");");
        assertTrue(r.output().contains("bits=16"), r.output());
        try (RefinerModel m = new RefinerModel(model, new Engine(Device.CPU, 1))) {
            assertSameImages(m.refine(src, 32, Listener.NONE), DatasetIo.read(saved));
        }
    }

    @Test
    void badInputsStopTheMacroWithAMessageThatSaysWhatToDo(@TempDir Path dir) throws Exception {
        Path model = TestData.model(dir.resolve("refiner.onnx"));
        ImageJHeadless.Result r = ImageJHeadless.run("setBatchMode(true); close(\"*\"); run(\"Refine Stack\", \"model=" + q(model) + "\");");
        assertTrue(r.aborted());
        assertTrue(r.output().contains("there is no image open"), r.output());

        r = ImageJHeadless.run("setBatchMode(true); newImage(\"colour\", \"RGB black\", 16, 12, 2); run(\"Refine Stack\", \"model=" + q(model) + "\");");
        assertTrue(r.aborted());
        assertTrue(r.output().contains("RGB color") && r.output().contains("Image > Type"), r.output());

        r = ImageJHeadless.run("setBatchMode(true); newImage(\"wide\", \"8-bit black\", 20, 10, 2); run(\"Refine Stack\", \"model=" + q(model) + "\");");
        assertTrue(r.aborted());
        assertTrue(r.output().contains("20x10") && r.output().contains("16x12") && r.output().contains("resize"), r.output());


        RefinerModel before = CurrentRefiner.load(model, Device.CPU);
        Path text = Files.writeString(dir.resolve("notes.onnx"), "not a network");
        r = ImageJHeadless.run("run(\"Load Refiner\", \"model=" + q(text) + "\");");
        assertTrue(r.aborted());
        assertTrue(r.output().contains("not an ONNX model"), r.output());
        assertTrue(CurrentRefiner.get() == before, "the loaded refiner is kept");

        r = ImageJHeadless.run("run(\"Refine Stack\", \"image=[no such stack] model=" + q(model) + "\");");
        assertTrue(r.output().contains("no open image titled 'no such stack'"), r.output());

        r = ImageJHeadless.run("run(\"Load Refiner\", \"model=" + q(model) + " device=tpu\");");
        assertTrue(r.output().contains("'device' must be one of cpu, cuda"), r.output());
    }

    @Test
    void withoutOptionsAndWithoutADisplayACommandSaysHowToRunIt() {
        ImageJHeadless.Result r = ImageJHeadless.run("call(\"ij.IJ.runPlugIn\", \"org.simgan.ij.RefineFolderPlugin\", \"\");");
        assertTrue(r.output().contains("needs its options when there is no display") && r.output().contains("run(\"Refine Folder\""), r.output());
    }

    @Test
    void refineFolderMacroRefinesEveryGoodFileAndReportsTheBadOne(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        EyeDataset a = TestData.images(3, 8, false, 6), c = TestData.images(4, 8, true, 7);
        TestData.write(a, in.resolve("a.tif"));
        Files.write(in.resolve("b.tif"), new byte[] {'I', 'I', 42, 0, 1, 2, 3, 4, 5, 6, 7});
        TestData.write(c, in.resolve("c.h5"));
        Files.writeString(in.resolve("notes.txt"), "not an image");
        java.util.Map<Path, byte[]> before = new java.util.HashMap<>();
        try (var s = Files.list(in)) {
            for (Path p : s.toList()) before.put(p, Files.readAllBytes(p));
        }
        Path model = TestData.model(dir.resolve("refiner.onnx"));
        Path out = dir.resolve("out");
        ImageJHeadless.Result r = ImageJHeadless.runFile(MACROS.resolve("refine-folder-headless.ijm"),
                "input=" + q(in) + " output=" + q(out) + " model=" + q(model));
        assertTrue(r.output().contains("FAILED b.tif: "), r.output());
        assertTrue(r.output().contains("2 of 3 files refined, 1 failed"), r.output());
        try (var s = Files.list(out)) {
            assertEquals(List.of("a.tif", "c.h5"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (RefinerModel m = new RefinerModel(model, new Engine(Device.CPU, 1))) {
            assertSameImages(m.refine(DatasetIo.read(in.resolve("a.tif")), 32, Listener.NONE), DatasetIo.read(out.resolve("a.tif")));
            assertSameImages(m.refine(DatasetIo.read(in.resolve("c.h5")), 32, Listener.NONE), DatasetIo.read(out.resolve("c.h5")));
        }
        for (var e : before.entrySet()) assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), "input unchanged: " + e.getKey());

        // a second run does not overwrite without being asked, and refuses to write into the input folder
        r = ImageJHeadless.runFile(MACROS.resolve("refine-folder-headless.ijm"), "input=" + q(in) + " output=" + q(out) + " model=" + q(model));
        assertTrue(r.output().contains("0 of 3 files refined, 3 failed") && r.output().contains("exists already"), r.output());
        r = ImageJHeadless.run("run(\"Refine Folder\", \"input=" + q(in) + " output=" + q(in) + " model=" + q(model) + "\");");
        assertTrue(r.aborted() && r.output().contains("output folder is the input folder"), r.output());
    }

    @Test
    void readGazeLabelMacroReadsTheSliceLabelBack(@TempDir Path dir) throws Exception {
        EyeDataset ds = TestData.images(5, 8, false, 8);
        Path file = TestData.write(ds, dir.resolve("labelled.h5"));
        Path result = dir.resolve("gaze.txt");
        ImageJHeadless.runFile(MACROS.resolve("read-gaze-label.ijm"), "path=" + q(file) + " slice=3 result=" + q(result));
        String[] words = Files.readString(result).trim().split(" ");
        var g = ds.label(2).gaze();
        assertEquals("eye002", words[0]);
        assertEquals(g.x(), Double.parseDouble(words[2]), 1e-3);
        assertEquals(g.y(), Double.parseDouble(words[3]), 1e-3);
        assertEquals(g.z(), Double.parseDouble(words[4]), 1e-3);
        assertEquals(Math.toDegrees(g.pitch()), Double.parseDouble(words[6]), 0.1);
        assertEquals(Math.toDegrees(g.yaw()), Double.parseDouble(words[8]), 0.1);
    }

    @Test
    void openEyeDatasetReadsARangeAndRenderMakesLabelledEyes(@TempDir Path dir) throws Exception {
        EyeDataset ds = TestData.images(6, 8, false, 9);
        Path file = TestData.write(ds, dir.resolve("six.tif"));
        ImageJHeadless.Result r = ImageJHeadless.run("setBatchMode(true); run(\"Open Eye Dataset\", \"path=" + q(file) + " first=2 count=3\");"
                + "print(\"n=\" + nSlices + \" title=\" + getTitle()); setSlice(1); print(\"first=\" + getMetadata(\"Label\"));"
                + "run(\"Render Synthetic Eyes\", \"count=3 seed=4 style=camera\"); print(\"render=\" + nSlices + \"x\" + getWidth() + \"x\" + getHeight() + \" \" + getTitle());"
                + "setSlice(2); print(\"label=\" + getMetadata(\"Label\"));");
        assertFalse(r.aborted(), r.output());
        assertTrue(r.output().contains("n=3 title=six.tif"), r.output());
        assertTrue(r.output().contains("first=" + ds.label(2).format()), r.output());
        assertTrue(r.output().contains("render=3x55x35 camera-eyes"), r.output());
        assertTrue(r.output().contains("label=00001\ngaze="), r.output());

        r = ImageJHeadless.run("run(\"Open Eye Dataset\", \"path=" + q(file) + " first=9\");");
        assertTrue(r.aborted() && r.output().contains("holds 6 images"), r.output());
    }

    @Test
    void renderTakesAnAppearanceFileThatChangesLooksNotLabels(@TempDir Path dir) throws Exception {
        Path ranges = dir.resolve("ranges.txt");
        java.nio.file.Files.writeString(ranges, "iris-shade-min=0.5\niris-shade-max=0.6\nblur-min=2\nblur-max=2\n");
        String show = "setSlice(2); print(\"label=\" + getMetadata(\"Label\")); getStatistics(area, mean); print(\"mean=\" + mean);";
        ImageJHeadless.Result plain = ImageJHeadless.run("setBatchMode(true); run(\"Render Synthetic Eyes\", \"count=3 seed=4\"); " + show);
        ImageJHeadless.Result fitted = ImageJHeadless.run("setBatchMode(true); run(\"Render Synthetic Eyes\", \"count=3 seed=4 appearance=" + q(ranges) + "\"); " + show);
        assertFalse(plain.aborted(), plain.output());
        assertFalse(fitted.aborted(), fitted.output());
        String label = plain.output().replaceAll("(?s).*label=(\\S+\ngaze=\\S+).*", "$1");
        assertTrue(label.startsWith("00001\ngaze=") && fitted.output().contains("label=" + label), plain.output() + " / " + fitted.output());
        String meanPlain = plain.output().replaceAll("(?s).*mean=(\\S+).*", "$1"), meanFitted = fitted.output().replaceAll("(?s).*mean=(\\S+).*", "$1");
        assertTrue(!meanPlain.equals(meanFitted), "the appearance file changed nothing: " + meanPlain);

        java.nio.file.Files.writeString(ranges, "iris-shade-min=0.9\n");
        ImageJHeadless.Result bad = ImageJHeadless.run("run(\"Render Synthetic Eyes\", \"count=3 appearance=" + q(ranges) + "\");");
        assertTrue(bad.aborted() && bad.output().contains("iris-shade-min and iris-shade-max"), bad.output());
    }

    @Test
    void openEyeDatasetAsAVirtualStackReadsSlicesFromTheFile(@TempDir Path dir) throws Exception {
        EyeDataset ds = TestData.images(7, 8, true, 11);
        Path file = TestData.write(ds, dir.resolve("seven.h5"));
        ImageJHeadless.Result r = ImageJHeadless.run("setBatchMode(true); run(\"Open Eye Dataset\", \"path=" + q(file) + " first=1 count=5 virtual\");"
                + "print(\"virtual=\" + is(\"Virtual Stack\") + \" n=\" + nSlices); setSlice(4); print(\"label=\" + getMetadata(\"Label\"));"
                + "print(\"px=\" + getPixel(2, 3));");
        assertFalse(r.aborted(), r.output());
        assertTrue(r.output().contains("virtual=1 n=5"), r.output());
        assertTrue(r.output().contains("label=" + ds.label(4).format()), r.output());
        assertTrue(r.output().contains("px=" + (int) ds.pixels(4)[3 * ds.width() + 2]), r.output());
    }

    @Test
    void aboutSaysWhatItIs() {
        ImageJHeadless.Result r = ImageJHeadless.run("run(\"About SimGAN...\");");
        assertTrue(r.output().contains("SimGAN for ImageJ") && r.output().toLowerCase(Locale.ROOT).contains("onnx runtime"), r.output());
    }
}
