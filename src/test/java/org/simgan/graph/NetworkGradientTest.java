package org.simgan.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.simgan.nn.Discriminator;
import org.simgan.nn.GazeEstimator;
import org.simgan.nn.Losses;
import org.simgan.nn.Network;
import org.simgan.nn.ParamBinder;
import org.simgan.nn.Padding;
import org.simgan.nn.ParamSet;
import org.simgan.train.Augmentation;
import org.simgan.nn.Refiner;
import org.simgan.runtime.NchwcLayout;

/**
 * Each network's full loss gradient, taken by the engine, against the naive double-precision networks of
 * {@link NaiveNets}: for every parameter tensor, the directional derivative along a random direction (central
 * differences in double) must match the engine's gradient dotted with that direction.
 */
class NetworkGradientTest {
    private final SplittableRandom rnd = new SplittableRandom(7);

    private final Refiner refiner = new Refiner(11, 13, 3, 1);
    private final Discriminator disc = new Discriminator(11, 13, 4, 3, 3, 2);

    @Test
    void refinerAdversarialLossThroughDiscriminator() {
        ParamSet rp = refiner.initialize(1), dp = disc.initialize(2);
        DT x = DT.random(rnd, -1, 1, 2, 1, 11, 13);
        double lambda = 0.3;
        Graph g = new Graph();
        Value xin = g.input("x", x.longShape());
        ParamBinder rb = ParamBinder.asInputs();
        Value y = refiner.forward(rb, xin);
        Value loss = Losses.patchCrossEntropy(disc.forward(ParamBinder.asInputs(), y), Discriminator.REAL).add(Losses.l1(y, xin).mul(lambda));
        Map<String, DT> dpd = NaiveNets.params(dp);
        Function<Map<String, DT>, Double> naive = ps -> {
            DT out = NaiveNets.refiner(refiner, ps, x);
            return NaiveNets.patchCrossEntropy(NaiveNets.discriminator(dpd, out), Discriminator.REAL) + lambda * NaiveNets.l1(out, x);
        };
        check(g, loss, rb.inputs(g), merge(rp, dp), Map.of("x", x.floats()), naive);
    }

    /**
     * With 16 channels (a multiple of the CPU's channel block) the engine runs the convolutions in ONNX Runtime's
     * blocked layout, fused with their additions and ReLUs ({@link NchwcLayout}); the gradients must not change.
     */
    @Test
    void refinerAndDiscriminatorInTheBlockedLayout() {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.simgan.runtime.Engine.channelBlock() > 0,
                "this CPU has no blocked convolution kernels in ONNX Runtime: the plain layout is tested above");
        Refiner wide = new Refiner(11, 13, 16, 1);
        Discriminator wideD = new Discriminator(11, 13, 16, 16, 16, 16);
        ParamSet rp = wide.initialize(5), dp = wideD.initialize(6);
        DT x = DT.random(rnd, -1, 1, 2, 1, 11, 13);
        Graph g = new Graph();
        Value xin = g.input("x", x.longShape());
        ParamBinder rb = ParamBinder.asInputs();
        Value y = wide.forward(rb, xin);
        Value loss = Losses.patchCrossEntropy(wideD.forward(ParamBinder.asInputs(), y), Discriminator.REAL).add(Losses.l1(y, xin).mul(0.1));
        Map<String, DT> dpd = NaiveNets.params(dp);
        Function<Map<String, DT>, Double> naive = ps -> {
            DT out = NaiveNets.refiner(wide, ps, x);
            return NaiveNets.patchCrossEntropy(NaiveNets.discriminator(dpd, out), Discriminator.REAL) + 0.1 * NaiveNets.l1(out, x);
        };
        check(g, loss, rb.inputs(g), merge(rp, dp), Map.of("x", x.floats()), naive);
        long blockedConvs = NchwcLayout.apply(g, org.simgan.runtime.Engine.channelBlock()).nodes().stream()
                .filter(n -> n.domain().equals(NchwcLayout.DOMAIN) && n.op().equals("Conv")).count();
        assertTrue(blockedConvs >= 8, "the refiner and discriminator convolutions should run blocked, " + blockedConvs + " do");

        ParamSet dp2 = wideD.initialize(7);
        DT real = DT.random(rnd, -1, 1, 2, 1, 11, 13), refined = DT.random(rnd, -1, 1, 2, 1, 11, 13);
        Graph gd = new Graph();
        Value a = gd.input("real", real.longShape()), b = gd.input("refined", refined.longShape());
        ParamBinder db = ParamBinder.asInputs();
        Value logits = wideD.forward(db, gd.concat(0, a, b));
        Value dLoss = Losses.patchCrossEntropy(gd.slice(logits, 0, 0, 2), Discriminator.REAL)
                .add(Losses.patchCrossEntropy(gd.slice(logits, 0, 2, 4), Discriminator.REFINED));
        Function<Map<String, DT>, Double> naiveD = ps -> NaiveNets.patchCrossEntropy(NaiveNets.discriminator(ps, real), Discriminator.REAL)
                + NaiveNets.patchCrossEntropy(NaiveNets.discriminator(ps, refined), Discriminator.REFINED);
        check(gd, dLoss, db.inputs(gd), dp2, Map.of("real", real.floats(), "refined", refined.floats()), naiveD);
    }

    /**
     * The border-free networks: the refiner mirrors its input and runs unpadded convolutions with cropped shortcuts,
     * the discriminator runs unpadded; with the least-squares loss and the discriminator's augmented view.
     */
    @Test
    void reflectingRefinerThroughAnUnpaddedDiscriminatorWithLeastSquaresAndAugmentation() {
        int h = 23, w = 25;
        Refiner r = new Refiner(h, w, 3, 2, Padding.REFLECT, false);
        Discriminator d = new Discriminator(h, w, 4, 3, 3, 2, Padding.VALID);
        ParamSet rp = r.initialize(11), dp = d.initialize(12);
        DT x = DT.random(rnd, -1, 1, 2, 1, h, w);
        Augmentation aug = new Augmentation(true, 2, 0.2, 0.1);
        Map<String, float[]> augFeeds = aug.draw(new org.simgan.train.Rng(5), "aug", 2, h, w);
        double lambda = 0.2;
        Graph g = new Graph();
        Value xin = g.input("x", x.longShape());
        ParamBinder rb = ParamBinder.asInputs();
        Value y = r.forward(rb, xin);
        Value loss = Losses.patchLeastSquares(d.forward(ParamBinder.asInputs(), aug.apply(y, "aug")), Discriminator.REAL)
                .add(Losses.l1(y, xin).mul(lambda));
        Map<String, DT> dpd = NaiveNets.params(dp);
        Function<Map<String, DT>, Double> naive = ps -> {
            DT out = NaiveNets.refiner(r, ps, x);
            DT seen = augmented(out, augFeeds, "aug");
            return NaiveNets.patchLeastSquares(NaiveNets.discriminator(dpd, seen, Padding.VALID), Discriminator.REAL) + lambda * NaiveNets.l1(out, x);
        };
        Map<String, float[]> data = new HashMap<>(augFeeds);
        data.put("x", x.floats());
        check(g, loss, rb.inputs(g), merge(rp, dp), data, naive);

        ParamSet dp2 = d.initialize(13);
        DT real = DT.random(rnd, -1, 1, 2, 1, h, w), refined = DT.random(rnd, -1, 1, 2, 1, h, w);
        Graph gd = new Graph();
        Value a = gd.input("real", real.longShape()), b = gd.input("refined", refined.longShape());
        ParamBinder db = ParamBinder.asInputs();
        Value logits = d.forward(db, gd.concat(0, a, b));
        Value dLoss = Losses.patchLeastSquares(gd.slice(logits, 0, 0, 2), Discriminator.REAL)
                .add(Losses.patchLeastSquares(gd.slice(logits, 0, 2, 4), Discriminator.REFINED));
        Function<Map<String, DT>, Double> naiveD = ps -> NaiveNets.patchLeastSquares(NaiveNets.discriminator(ps, real, Padding.VALID), Discriminator.REAL)
                + NaiveNets.patchLeastSquares(NaiveNets.discriminator(ps, refined, Padding.VALID), Discriminator.REFINED);
        check(gd, dLoss, db.inputs(gd), dp2, Map.of("real", real.floats(), "refined", refined.floats()), naiveD);
    }

    /** (rows x image x cols) * gain + bias, written out loop by loop. */
    private static DT augmented(DT x, Map<String, float[]> feeds, String prefix) {
        int n = x.shape[0], h = x.shape[2], w = x.shape[3];
        float[] rows = feeds.get(prefix + ".rows"), cols = feeds.get(prefix + ".cols"), gain = feeds.get(prefix + ".gain"), bias = feeds.get(prefix + ".bias");
        DT o = new DT(x.shape.clone());
        for (int k = 0; k < n; k++)
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++) {
                    double s = 0;
                    for (int a = 0; a < h; a++)
                        for (int b = 0; b < w; b++) s += rows[(k * h + i) * h + a] * x.data[(k * h + a) * w + b] * cols[(k * w + b) * w + j];
                    o.data[(k * h + i) * w + j] = s * gain[k] + bias[k];
                }
        return o;
    }

    @Test
    void discriminatorLoss() {
        ParamSet dp = disc.initialize(3);
        DT real = DT.random(rnd, -1, 1, 2, 1, 11, 13), refined = DT.random(rnd, -1, 1, 2, 1, 11, 13);
        Graph g = new Graph();
        Value a = g.input("real", real.longShape()), b = g.input("refined", refined.longShape());
        ParamBinder db = ParamBinder.asInputs();
        Value logits = disc.forward(db, g.concat(0, a, b));
        Value loss = Losses.patchCrossEntropy(g.slice(logits, 0, 0, 2), Discriminator.REAL)
                .add(Losses.patchCrossEntropy(g.slice(logits, 0, 2, 4), Discriminator.REFINED));
        Function<Map<String, DT>, Double> naive = ps -> NaiveNets.patchCrossEntropy(NaiveNets.discriminator(ps, real), Discriminator.REAL)
                + NaiveNets.patchCrossEntropy(NaiveNets.discriminator(ps, refined), Discriminator.REFINED);
        check(g, loss, db.inputs(g), dp, Map.of("real", real.floats(), "refined", refined.floats()), naive);
    }

    @Test
    void gazeEstimatorLoss() {
        GazeEstimator net = new GazeEstimator(19, 23, 16);
        ParamSet gp = net.initialize(4);
        DT x = DT.random(rnd, -1, 1, 2, 1, 19, 23), t = DT.random(rnd, -1, 1, 2, 3);
        Graph g = new Graph();
        Value xin = g.input("x", x.longShape()), tin = g.input("t", t.longShape());
        ParamBinder b = ParamBinder.asInputs();
        Value loss = Losses.squaredError(net.forward(b, xin), tin);
        Function<Map<String, DT>, Double> naive = ps -> DT.zip(NaiveNets.gaze(ps, x), t, (u, v) -> (u - v) * (u - v)).sum() / 2;
        check(g, loss, b.inputs(g), gp, Map.of("x", x.floats(), "t", t.floats()), naive);
    }

    private static ParamSet merge(ParamSet a, ParamSet b) {
        ParamSet m = new ParamSet();
        a.all().forEach((k, v) -> m.put(k, v.shape(), v.data()));
        b.all().forEach((k, v) -> m.put(k, v.shape(), v.data()));
        return m;
    }

    /** Runs loss and gradients for {@code trained}, then compares per-tensor directional derivatives. */
    private void check(Graph g, Value loss, List<Value> trained, ParamSet allParams, Map<String, float[]> data,
                       Function<Map<String, DT>, Double> naive) {
        Map<Value, Value> grads = Gradients.of(loss, trained);
        g.output("loss", loss);
        for (Value p : trained) g.output("grad:" + p.name(), grads.get(p));
        Map<String, float[]> feeds = new HashMap<>(data);
        allParams.all().forEach((k, v) -> feeds.put(k, v.data()));
        Map<String, float[]> out = GradCheck.run(g, feeds);

        Map<String, DT> base = NaiveNets.params(allParams);
        double lossRef = naive.apply(base);
        assertTrue(Math.abs(out.get("loss")[0] - lossRef) < 1e-4 * Math.max(1, Math.abs(lossRef)), "loss " + out.get("loss")[0] + " vs " + lossRef);
        List<String> failures = new ArrayList<>();
        for (Value p : trained) {
            float[] grad = out.get("grad:" + p.name());
            DT dir = DT.random(rnd, -1, 1, base.get(p.name()).shape);
            double analytic = 0;
            for (int i = 0; i < grad.length; i++) analytic += grad[i] * dir.data[i];
            double h = 1e-6;
            double numeric = (naive.apply(shifted(base, p.name(), dir, h)) - naive.apply(shifted(base, p.name(), dir, -h))) / (2 * h);
            double err = Math.abs(analytic - numeric) / Math.max(Math.abs(numeric), 1e-8);
            if (err > GradCheck.TOLERANCE) failures.add(p.name() + ": engine " + analytic + " vs reference " + numeric + " (rel. error " + err + ")");
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static Map<String, DT> shifted(Map<String, DT> base, String name, DT dir, double h) {
        Map<String, DT> m = new HashMap<>(base);
        m.put(name, DT.zip(base.get(name), dir, (a, d) -> a + h * d));
        return m;
    }
}
