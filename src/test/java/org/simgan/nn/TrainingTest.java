package org.simgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;
import org.simgan.optim.Adam;
import org.simgan.optim.TrainStep;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;
import org.simgan.runtime.EngineException;
import org.simgan.runtime.NonFiniteException;
import org.simgan.runtime.TensorStore;

/** A tiny refiner trained through the engine, exported, and reloaded by plain ONNX Runtime. */
class TrainingTest {
    private static final Engine ENGINE = new Engine(Device.CPU, 1);
    private static final int N = 4, H = 6, W = 7;
    private final Refiner net = new Refiner(H, W, 4, 1);

    /** A fixed target the refiner should learn: the input, brightened and inverted in its upper half. */
    private static float[] target(float[] x) {
        float[] t = new float[x.length];
        for (int i = 0; i < x.length; i++) t[i] = (float) Math.tanh((i % (H * W)) < H * W / 2 ? -0.8 * x[i] + 0.2 : 0.5 * x[i]);
        return t;
    }

    private TrainStep.Spec spec() {
        Graph g = new Graph();
        Value x = g.input("x", N, 1, H, W), t = g.input("t", N, 1, H, W);
        ParamBinder p = ParamBinder.asInputs();
        Value y = net.forward(p, x);
        g.output("y", y);
        return TrainStep.build(g, Losses.l1(y, t), "loss", p.inputs(g), new Adam(0.01), "R.");
    }

    private static void putAll(TensorStore store, ParamSet ps) {
        ps.all().forEach((k, v) -> store.put(k, v.data(), v.shape()));
    }

    @Test
    void tinyRefinerReachesTargetLossAndExportMatchesTrainingForward(@TempDir Path dir) throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[N * H * W];
        for (int i = 0; i < x.length; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        float[] t = target(x);
        try (TensorStore store = new TensorStore()) {
            putAll(store, net.initialize(5));
            float first, last = 0;
            float[] y;
            ParamSet trained = new ParamSet();
            try (TrainStep step = new TrainStep("fit", ENGINE, spec(), store, false, "loss")) {
                first = step.run(Map.of("x", x, "t", t)).get("loss")[0];
                for (int i = 0; i < 800; i++) last = step.run(Map.of("x", x, "t", t)).get("loss")[0];
                // the parameters the next run's forward pass (its output y) is computed with, before its update
                for (String name : net.specs().keySet()) trained.put(name, store.shape(name), store.get(name));
                y = step.run(Map.of("x", x, "t", t)).get("y");
            }
            // per image L1 over 42 pixels: from about 20 down to under 1 (a mean error below 0.025 per pixel)
            assertTrue(first > 5, "initial loss " + first);
            assertTrue(last < 1.0, "loss after 800 Adam steps is " + last + " (started at " + first + ")");

            Path file = dir.resolve("refiner.onnx");
            ModelExport.save(ModelExport.model(net, trained, Map.of("simgan.normalization", "linear 0..255 -> -1..1")), file);

            // reload with nothing but ONNX Runtime, at another batch size than training used
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession s = env.createSession(Files.readAllBytes(file), new OrtSession.SessionOptions());
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x, 0, 2 * H * W), new long[] {2, 1, H, W});
                 OrtSession.Result r = s.run(Map.of(ModelExport.INPUT, in))) {
                assertEquals("R", s.getMetadata().getCustomMetadata().get(ModelExport.KEY_NETWORK));
                assertEquals("linear 0..255 -> -1..1", s.getMetadata().getCustomMetadata().get("simgan.normalization"));
                float[] exported = new float[2 * H * W];
                ((OnnxTensor) r.get("refined").get()).getFloatBuffer().get(exported);
                // the exported model gives what the training graph computed for the same parameters and images
                assertArrayEquals(java.util.Arrays.copyOf(y, 2 * H * W), exported, 1e-5f);
            }
        }
    }

    @Test
    void badFeedsNameTheTensorAndExpectedShape() {
        try (TensorStore store = new TensorStore()) {
            putAll(store, net.initialize(1));
            try (TrainStep step = new TrainStep("fit", ENGINE, spec(), store, false, "loss")) {
                EngineException e = assertThrows(EngineException.class, () -> step.run(Map.of("x", new float[10], "t", new float[N * H * W])));
                assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("[4, 1, 6, 7]"), e.getMessage());
                e = assertThrows(EngineException.class, () -> step.run(Map.of("x", new float[N * H * W])));
                assertTrue(e.getMessage().contains("missing input 't'"), e.getMessage());
            }
        }
    }

    @Test
    void missingOrMisshapenParameterIsNamed() {
        ParamSet ps = net.initialize(1);
        ParamSet wrong = new ParamSet();
        ps.all().forEach((k, v) -> wrong.put(k, k.equals("R.tail.w") ? new long[] {1, 4, 1, 1, 1} : v.shape(), v.data()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelExport.model(net, wrong, Map.of()));
        assertTrue(e.getMessage().contains("R.tail.w") && e.getMessage().contains("[1, 4, 1, 1]"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> ModelExport.model(new Refiner(H, W, 4, 2), ps, Map.of()));
        assertTrue(e2.getMessage().contains("R.block1.a.w"), e2.getMessage());
    }

    @Test
    void graphShapeMismatchNamesBothTensors() {
        Graph g = new Graph();
        Value x = g.input("x", 1, 3, 5, 5), w = g.input("w", 2, 4, 3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.conv(x, w, null, 1, 1));
        assertTrue(e.getMessage().contains("x[1, 3, 5, 5]") && e.getMessage().contains("w[2, 4, 3, 3]"), e.getMessage());
    }

    @Test
    void nonFiniteLossStopsTheStepAndKeepsParameters() {
        try (TensorStore store = new TensorStore()) {
            putAll(store, net.initialize(1));
            float[] before = store.get("R.head.w");
            float[] x = new float[N * H * W];
            float[] t = new float[N * H * W];
            t[3] = Float.NaN;
            try (TrainStep step = new TrainStep("fit", ENGINE, spec(), store, false, "loss")) {
                NonFiniteException e = assertThrows(NonFiniteException.class, () -> step.run(Map.of("x", x, "t", t)));
                assertEquals("loss", e.tensor());
                assertTrue(e.getMessage().contains("NaN"), e.getMessage());
                assertEquals(0, step.step());
            }
            assertArrayEquals(before, store.get("R.head.w"));
        }
    }

    @Test
    void cudaRequestOnCpuBuildGivesAClearError() {
        EngineException e = assertThrows(EngineException.class, () -> new Engine(Device.CUDA, 1));
        assertTrue(e.getMessage().contains("CUDA") && e.getMessage().contains("onnxruntime_gpu"), e.getMessage());
    }

    @Test
    void initializationIsReproducibleAndSeeded() {
        ParamSet a = net.initialize(11), b = net.initialize(11), c = net.initialize(12);
        assertArrayEquals(a.get("R.head.w").data(), b.get("R.head.w").data());
        assertTrue(!java.util.Arrays.equals(a.get("R.head.w").data(), c.get("R.head.w").data()));
        // the bound is 1/sqrt(fan-in) = 1/3 for the 3x3 head on one channel
        for (float v : a.get("R.head.w").data()) assertTrue(Math.abs(v) <= 1 / 3.0 + 1e-7);
        assertEquals(List.of("R.head.w", "R.head.b"), a.all().keySet().stream().limit(2).toList());
    }
}
