package org.simgan.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.simgan.data.EyeDataset;
import org.simgan.data.Normalization;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;
import org.simgan.nn.Losses;
import org.simgan.nn.ParamBinder;
import org.simgan.nn.TwoSampleClassifier;
import org.simgan.optim.Adam;
import org.simgan.optim.TrainStep;
import org.simgan.progress.Listener;
import org.simgan.refine.ImageModel;
import org.simgan.runtime.Engine;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;
import org.simgan.settings.SettingsSchema;

/**
 * The two-sample classifier test: how well a fresh classifier ({@link TwoSampleClassifier#recipe}) learns to tell
 * real images from a candidate set. For each of {@code seeds} runs, the same number of images is drawn from each
 * set, a share is held out, the classifier is trained with Adam on balanced batches for a fixed number of steps, and
 * its held-out accuracy and ROC AUC are measured. 50% / 0.5 means the sets cannot be told apart by this recipe;
 * 100% / 1.0 means they are fully separable.
 *
 * <p>Everything is fixed by the seed: which images are drawn (the candidate draw depends only on the seed and the
 * candidate set's size, so a synthetic set and its refined version, image for image, are drawn identically, and the
 * real draw is the same for every candidate), the initial weights and the batches. The 95% interval is a
 * percentile bootstrap over the held-out images (resampled within each class and each run, the runs' figures
 * averaged), so it covers the test-set sampling; the spread over runs shows the training's own variation.
 */
public final class C2st {
    private C2st() {
    }

    /**
     * The recipe's settings, described once by {@link #SCHEMA}.
     *
     * @param runs the classifier runs, run k with seed {@code seed + k}
     */
    public record Settings(int runs, long seed, int steps, int batch, double lr, double heldOut, int maxPerSet, int bootstrap) {
        public Settings {
            if (runs < 1) throw new IllegalArgumentException("C2ST needs at least one run (runs >= 1), got " + runs);
            if (steps < 1) throw new IllegalArgumentException("C2ST needs at least one training step, got " + steps);
            if (batch < 2 || batch % 2 != 0) throw new IllegalArgumentException("the C2ST batch must be even and at least 2, got " + batch);
            if (!(lr > 0)) throw new IllegalArgumentException("the C2ST learning rate must be positive, got " + lr);
            if (!(heldOut > 0 && heldOut < 1)) throw new IllegalArgumentException("the held-out share must be between 0 and 1, got " + heldOut);
            if (maxPerSet < 4) throw new IllegalArgumentException("C2ST needs at least 4 images per set, got max " + maxPerSet);
            if (bootstrap < 0) throw new IllegalArgumentException("bootstrap samples must be 0 or more, got " + bootstrap);
        }

        /** The one description of every setting of the test, in the record's order. */
        public static final SettingsSchema<Settings> SCHEMA = SettingsSchema.of(Settings.class)
                .integer("runs", "classifier runs (seeds) of the two-sample test")
                .longInteger("seed", "seed of the first run (run k uses seed + k): the images drawn, the weights, the batches")
                .integer("steps", "training steps per run")
                .integer("batch", "images per training step, half real, half candidate (even)")
                .number("lr", "the classifier's learning rate (Adam)")
                .number("held-out", "share of each set held out")
                .integer("max-per-set", "at most N images of each set")
                .integer("bootstrap", "bootstrap samples of the 95% intervals (0 = none)")
                .build();

        /** 3 runs of 300 Adam steps (lr 0.001) on batches of 32, 30% held out, at most 2000 images per set. */
        public static Settings defaults() {
            return new Settings(3, 1, 300, 32, 1e-3, 0.3, 2000, 1000);
        }

        /** The settings by their keys ({@link #SCHEMA}). */
        public Map<String, String> toMap() {
            return SCHEMA.toMap(this);
        }
    }

    /** One run: its held-out figures and the scores (logit of "candidate" minus logit of "real") behind them. */
    public record Run(long seed, double accuracy, double auc, double finalLoss, float[] realScores, float[] candidateScores) {
        public double[][] rocCurve() {
            return Roc.curve(realScores, candidateScores);
        }
    }

    /** The test's figures: means over the runs with 95% bootstrap intervals. */
    public record Result(String candidate, int trainPerSet, int testPerSet, double accuracy, double accuracyLow, double accuracyHigh,
                         double auc, double aucLow, double aucHigh, List<Run> runs) {

        public double accuracySpread() {
            return runs.stream().mapToDouble(Run::accuracy).max().orElse(0) - runs.stream().mapToDouble(Run::accuracy).min().orElse(0);
        }

        public String describe() {
            return String.format(Locale.ROOT, "C2ST %s vs real: accuracy %.1f%% [%.1f, %.1f], AUC %.3f [%.3f, %.3f] (%d runs, %d+%d held out per run)",
                    candidate, 100 * accuracy, 100 * accuracyLow, 100 * accuracyHigh, auc, aucLow, aucHigh, runs.size(), testPerSet, testPerSet);
        }
    }

    /** The test of {@code candidate} against {@code real}; {@code name} labels the candidate set in the result. */
    public static Result run(String name, EyeDataset candidate, EyeDataset real, Settings s, Engine engine, Listener listener) {
        Images.checkSameSize(candidate, name, real, "real");
        int n = Math.min(s.maxPerSet(), Math.min(candidate.size(), real.size()));
        if (n < 4) throw new IllegalArgumentException("C2ST needs at least 4 images in each set; " + name + " has " + candidate.size() + ", real has " + real.size());
        int test = Math.max(1, Math.min(n - 1, (int) Math.round(n * s.heldOut())));
        int train = n - test;
        TwoSampleClassifier net = TwoSampleClassifier.recipe(real.height(), real.width());
        List<Run> runs = new ArrayList<>();
        for (int k = 0; k < s.runs(); k++) {
            long seed = s.seed() + k;
            runs.add(oneRun(name, candidate, real, s, net, seed, n, train, engine, listener, (long) k * s.steps()));
            Run r = runs.get(runs.size() - 1);
            listener.log(String.format(Locale.ROOT, "C2ST %s vs real, run %d/%d (seed %d): held-out accuracy %.1f%%, AUC %.3f, final loss %.3f",
                    name, k + 1, s.runs(), seed, 100 * r.accuracy(), r.auc(), r.finalLoss()));
        }
        double acc = runs.stream().mapToDouble(Run::accuracy).average().orElseThrow();
        double auc = runs.stream().mapToDouble(Run::auc).average().orElseThrow();
        double[] accCi = {acc, acc}, aucCi = {auc, auc};
        if (s.bootstrap() > 0) {
            double[][] boot = bootstrap(runs, s.bootstrap(), s.seed());
            accCi = percentiles(boot[0]);
            aucCi = percentiles(boot[1]);
        }
        return new Result(name, train, test, acc, accCi[0], accCi[1], auc, aucCi[0], aucCi[1], List.copyOf(runs));
    }

    private static Run oneRun(String name, EyeDataset cand, EyeDataset real, Settings s, TwoSampleClassifier net, long seed, int n, int train,
                              Engine engine, Listener listener, long progressBase) {
        int[] realIdx = Arrays.copyOf(Images.permutation(real.size(), mix(seed, 1)), n);
        int[] candIdx = Arrays.copyOf(Images.permutation(cand.size(), mix(seed, 2)), n);
        SplittableRandom draw = new SplittableRandom(mix(seed, 3));
        int half = s.batch() / 2, size = real.width() * real.height();
        Normalization realPixels = Normalization.forBitDepth(real.bitDepth()), candPixels = Normalization.forBitDepth(cand.bitDepth());
        int[] pick = new int[half];
        try (TensorStore store = new TensorStore()) {
            double loss = Fit.run("c2st-train", net, mix(seed, 4), trainSpec(net, s), store, s.steps(), s.batch(), 2, (it, x, t) -> {
                for (int i = 0; i < s.batch(); i++) {
                    t[i * 2 + TwoSampleClassifier.REAL] = i < half ? 1 : 0;
                    t[i * 2 + TwoSampleClassifier.CANDIDATE] = i < half ? 0 : 1;
                }
                for (int i = 0; i < half; i++) pick[i] = realIdx[draw.nextInt(train)];
                ImageModel.batch(real, pick, 0, half, realPixels::toModel, "the real images", x, 0);
                for (int i = 0; i < half; i++) pick[i] = candIdx[draw.nextInt(train)];
                ImageModel.batch(cand, pick, 0, half, candPixels::toModel, "the " + name + " images", x, half * size);
            }, engine, "the two-sample test", listener, (it, l) -> listener.progress(progressBase + it + 1, (long) s.runs() * s.steps()));
            int[] realTest = Arrays.copyOfRange(realIdx, train, n), candTest = Arrays.copyOfRange(candIdx, train, n);
            float[] realScores, candScores;
            try (GraphSession infer = new GraphSession("c2st_score", engine, scoreGraph(net), store, true)) {
                realScores = scores(infer, real, "the real images", realTest);
                candScores = scores(infer, cand, "the " + name + " images", candTest);
            }
            return new Run(seed, Roc.accuracy(realScores, candScores), Roc.auc(realScores, candScores), loss, realScores, candScores);
        }
    }

    private static TrainStep.Spec trainSpec(TwoSampleClassifier net, Settings s) {
        Graph g = new Graph();
        Value x = g.input("x", s.batch(), 1, net.height(), net.width());
        Value t = g.input("t", s.batch(), 2);
        ParamBinder p = ParamBinder.asInputs();
        Value loss = Losses.softmaxCrossEntropy(net.forward(p, x), t);
        return TrainStep.build(g, loss, "loss", p.inputs(g), new Adam(s.lr()), "C.");
    }

    /** Parameters read from the store; output "score" = logit(candidate) - logit(real), one per image. */
    private static Graph scoreGraph(TwoSampleClassifier net) {
        Graph g = new Graph();
        Value x = g.input("x", -1, 1, net.height(), net.width());
        Value logits = net.forward(ParamBinder.asInputs(), x);
        Value score = g.slice(logits, 1, TwoSampleClassifier.CANDIDATE, TwoSampleClassifier.CANDIDATE + 1)
                .sub(g.slice(logits, 1, TwoSampleClassifier.REAL, TwoSampleClassifier.REAL + 1));
        g.output("score", score);
        return g;
    }

    private static float[] scores(GraphSession infer, EyeDataset ds, String images, int[] idx) {
        float[] out = new float[idx.length];
        int chunk = 256;
        Normalization pixels = Normalization.forBitDepth(ds.bitDepth());
        for (int from = 0; from < idx.length; from += chunk) {
            int count = Math.min(chunk, idx.length - from);
            float[] s = infer.run(Map.of("x", ImageModel.batch(ds, idx, from, count, pixels::toModel, images))).get("score");
            System.arraycopy(s, 0, out, from, count);
        }
        return out;
    }

    /** Bootstrap replicates of the run-averaged accuracy and AUC: {@code [2][samples]}. */
    private static double[][] bootstrap(List<Run> runs, int samples, long seed) {
        SplittableRandom r = new SplittableRandom(mix(seed, 5));
        double[][] out = new double[2][samples];
        for (int b = 0; b < samples; b++) {
            double acc = 0, auc = 0;
            for (Run run : runs) {
                float[] neg = resample(run.realScores(), r), pos = resample(run.candidateScores(), r);
                acc += Roc.accuracy(neg, pos);
                auc += Roc.auc(neg, pos);
            }
            out[0][b] = acc / runs.size();
            out[1][b] = auc / runs.size();
        }
        return out;
    }

    private static float[] resample(float[] v, SplittableRandom r) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[r.nextInt(v.length)];
        return out;
    }

    private static double[] percentiles(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return new double[] {s[(int) Math.floor(0.025 * (s.length - 1))], s[(int) Math.ceil(0.975 * (s.length - 1))]};
    }

    static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
