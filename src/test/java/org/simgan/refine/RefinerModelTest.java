package org.simgan.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;
import org.simgan.nn.Discriminator;
import org.simgan.nn.ModelExport;
import org.simgan.nn.ParamBinder;
import org.simgan.nn.ParamSet;
import org.simgan.nn.Refiner;
import org.simgan.progress.Listener;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;

class RefinerModelTest {
    private static final Engine ENGINE = new Engine(Device.CPU, 1);
    private final Refiner net = new Refiner(12, 16, 4, 1);

    private EyeDataset labelled() {
        float[][] px = new float[5][12 * 16];
        SliceLabel[] labels = new SliceLabel[5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < px[i].length; j++) px[i][j] = (j * 7 + i * 13) % 256;
            labels[i] = new SliceLabel("eye" + i, Gaze.fromPitchYaw(0.1 * i, -0.2 * i));
        }
        return new EyeDataset(16, 12, 8, px, labels);
    }

    @Test
    void refinesInBatchesKeepsLabelsAndMatchesTheNetwork(@TempDir Path dir) throws IOException {
        ParamSet params = net.initialize(9);
        Path file = dir.resolve("r.onnx");
        ModelExport.save(ModelExport.model(net, params, Map.of()), file);
        EyeDataset src = labelled();
        float[] before = src.pixels(2).clone();
        EyeDataset out;
        try (RefinerModel m = new RefinerModel(file, ENGINE)) {
            assertEquals(12, m.height());
            assertEquals("R", m.metadata().get(ModelExport.KEY_NETWORK));
            out = m.refine(src, 2, Listener.NONE);
        }
        assertEquals(src.labels(), out.labels());
        assertArrayEquals(before, src.pixels(2), "the source is untouched");
        assertEquals(8, out.bitDepth());
        // the same images through the network's own forward graph
        float[] x = new float[5 * 192];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 192; j++) x[i * 192 + j] = src.pixels(i)[j] / 127.5f - 1;
        org.simgan.graph.Graph g = new org.simgan.graph.Graph();
        g.output("y", net.forward(ParamBinder.asInputs(), g.input("x", 5, 1, 12, 16)));
        float[] y;
        try (TensorStore st = new TensorStore(); GraphSession s = new GraphSession("f", ENGINE, g.toModel("f", Map.of()), st, false)) {
            params.all().forEach((k, v) -> st.put(k, v.data(), v.shape()));
            y = s.run(Map.of("x", x)).get("y");
        }
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 192; j++) assertEquals(Math.round((y[i * 192 + j] + 1) * 127.5f), out.pixels(i)[j], 1.0f);
    }

    @Test
    void badModelsAndImagesAreClearErrors(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "this is not a model");
        IOException e = assertThrows(IOException.class, () -> new RefinerModel(text, ENGINE));
        assertTrue(e.getMessage().contains("not an ONNX model"), e.getMessage());
        e = assertThrows(IOException.class, () -> new RefinerModel(dir.resolve("absent.onnx"), ENGINE));
        assertTrue(e.getMessage().contains("no refiner model"), e.getMessage());
        Discriminator d = new Discriminator(12, 16, 4, 4, 2, 2);
        Path disc = dir.resolve("d.onnx");
        ModelExport.save(ModelExport.model(d, d.initialize(1), Map.of()), disc);
        e = assertThrows(IOException.class, () -> new RefinerModel(disc, ENGINE));
        assertTrue(e.getMessage().contains("output of shape"), e.getMessage());

        Path file = dir.resolve("r.onnx");
        ModelExport.save(ModelExport.model(new Refiner(35, 55, 4, 1), new Refiner(35, 55, 4, 1).initialize(1), Map.of()), file);
        try (RefinerModel m = new RefinerModel(file, ENGINE)) {
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> m.refine(labelled(), 4, Listener.NONE));
            assertTrue(e2.getMessage().contains("16x12") && e2.getMessage().contains("55x35"), e2.getMessage());
        }
    }
}
