package org.simgan.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.script.ScriptService;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ImageStacks;
import org.simgan.progress.Listener;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

/** The SciJava side, through a real Context: the service scripts reach by name, and the commands. */
class SimGanServiceTest {

    @Test
    void scriptsFindTheServiceAndCommandsRefineLikeTheCore(@TempDir Path dir) throws Exception {
        EyeDataset src = TestData.images(5, 8, false, 11);
        Path model = TestData.model(dir.resolve("refiner.onnx"));
        EyeDataset expected;
        try (RefinerModel m = new RefinerModel(model, new Engine(Device.CPU, 1))) {
            expected = m.refine(src, 32, Listener.NONE);
        }
        try (Context context = new Context()) {
            SimGanService simgan = context.service(SimGanService.class);
            assertNotNull(simgan);
            // "#@ SimGanService simgan" in a script resolves through the script service's aliases
            assertEquals(SimGanService.class, context.service(ScriptService.class).lookupClass("SimGanService"));

            RefinerModel loaded = simgan.loadRefiner(model.toFile());
            assertSame(loaded, simgan.loadRefiner(model.toFile()), "loaded once");
            assertSame(loaded, CurrentRefiner.get(), "shared with the menu commands");
            ImagePlus imp = ImageStacks.toImagePlus(src, "eyes");
            ImagePlus refined = simgan.refine(imp);
            assertEquals("eyes-refined", refined.getTitle());
            assertSameImages(expected, ImageStacks.fromImagePlus(refined));
            assertSameImages(src, ImageStacks.fromImagePlus(imp));

            CommandService commands = context.service(CommandService.class);
            for (Class<?> c : new Class<?>[] {RefineImageCommand.class, RefineFolderCommand.class}) {
                CommandInfo info = commands.getCommand(c.getName());
                assertNotNull(info, c.getName());
                assertTrue(info.getMenuPath() == null || info.getMenuPath().isEmpty(), "no second menu entry: " + info.getMenuPath());
            }
            CommandModule run = commands.run(RefineImageCommand.class, true, "image", imp, "model", model.toFile()).get();
            assertSameImages(expected, ImageStacks.fromImagePlus((ImagePlus) run.getOutput("refined")));

            Path in = Files.createDirectories(dir.resolve("in"));
            TestData.write(src, in.resolve("a.tif"));
            Files.writeString(in.resolve("b.png"), "not a png");
            run = commands.run(RefineFolderCommand.class, true, "input", in.toFile(), "output", dir.resolve("out").toFile(), "model", null).get();
            assertTrue(!run.isCanceled(), "canceled: " + run.getCancelReason());
            String summary = (String) run.getOutput("summary");
            assertTrue(summary.contains("FAILED b.png") && summary.endsWith("1 of 2 files refined, 1 failed"), summary);
            assertSameImages(expected, DatasetIo.read(dir.resolve("out/a.tif")));
        }
    }

    private static void assertSameImages(EyeDataset expected, EyeDataset actual) {
        assertEquals(expected.labels(), actual.labels());
        for (int i = 0; i < expected.size(); i++) assertArrayEquals(expected.pixels(i), actual.pixels(i));
    }
}
