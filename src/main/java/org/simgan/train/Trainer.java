package org.simgan.train;

import java.util.List;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.simgan.nn.Discriminator;
import org.simgan.nn.ParamSet;
import org.simgan.nn.Refiner;
import org.simgan.optim.TrainStep;
import org.simgan.runtime.Engine;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;

/**
 * The SimGAN training loop (Shrivastava et al. 2017, algorithm 1) over images already scaled to [-1, 1]:
 * refiner pre-training on the self-regularisation loss, discriminator pre-training, then iterations of kG refiner
 * steps and kD discriminator steps with the history buffer. Every step is one ONNX Runtime run; the networks'
 * parameters and optimizer state stay in a {@link TensorStore} between steps. {@link #state()} and
 * {@link #Trainer(State, ImagePool, ImagePool, Engine)} save and restore all of it for checkpoints.
 */
public final class Trainer implements AutoCloseable {

    public enum Phase {
        REFINER_PRETRAIN("pretrain-R"), DISC_PRETRAIN("pretrain-D"), REFINER("R"), DISCRIMINATOR("D"), DONE("done");

        final String label;

        Phase(String label) {
            this.label = label;
        }
    }

    /**
     * Everything a checkpoint holds; {@code historyFill} is how many images the history buffer holds so far (its
     * capacity is the setting {@code history-size}).
     */
    public record State(TrainSettings settings, long step, long refinerUpdates, long discUpdates, long rngState,
                        Map<String, ParamSet.Tensor> tensors, int historyFill, float[] history) {
    }

    private final TrainSettings s;
    private final Refiner refiner;
    private final Discriminator disc;
    private final Augmentation augmentation;
    private final ImagePool synthetic, real;
    private final int imageSize;
    private final TensorStore store = new TensorStore();
    private final HistoryBuffer history;
    private final Rng rng;
    private final Engine engine;
    private final java.util.EnumMap<StepKind, TrainStep> steps = new java.util.EnumMap<>(StepKind.class);
    private GraphSession refineForward;
    private long step, refinerUpdates, discUpdates;
    private double secondsPerImage = Double.NaN;

    /** A new run with freshly initialised networks. */
    public Trainer(TrainSettings settings, ImagePool synthetic, ImagePool real, Engine engine) {
        this(new State(settings, 0, 0, 0, settings.seed(), initialTensors(settings), 0, new float[0]), synthetic, real, engine);
    }

    /** A run continued from a saved state. */
    public Trainer(State state, ImagePool synthetic, ImagePool real, Engine engine) {
        this.s = state.settings();
        this.engine = engine;
        this.refiner = s.refiner();
        this.disc = s.discriminator();
        this.augmentation = s.augmentation();
        this.imageSize = s.height() * s.width();
        this.synthetic = check("synthetic", synthetic);
        this.real = check("real", real);
        this.history = new HistoryBuffer(s.historySize(), imageSize);
        this.rng = new Rng(state.rngState());
        this.step = state.step();
        this.refinerUpdates = state.refinerUpdates();
        this.discUpdates = state.discUpdates();
        Map<String, long[]> expected = new LinkedHashMap<>();
        refiner.specs().forEach((k, v) -> expected.put(k, v.shape()));
        disc.specs().forEach((k, v) -> expected.put(k, v.shape()));
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            ParamSet.Tensor t = state.tensors().get(e.getKey());
            if (t == null || !java.util.Arrays.equals(t.shape(), e.getValue())) {
                throw new IllegalArgumentException("the saved state has no parameter '" + e.getKey() + "' of shape "
                        + java.util.Arrays.toString(e.getValue()) + ": it was saved with other network settings");
            }
        }
        state.tensors().forEach((k, t) -> store.put(k, t.data(), t.shape()));
        history.restore(state.history(), state.historyFill());
    }

    private ImagePool check(String what, ImagePool images) {
        if (images.size() == 0) throw new IllegalArgumentException("no " + what + " images to train on");
        if (images.imageSize() != imageSize) {
            throw new IllegalArgumentException(what + " images have " + images.imageSize() + " pixels; the run trains on "
                    + s.width() + "x" + s.height() + " images");
        }
        return images;
    }

    private static Map<String, ParamSet.Tensor> initialTensors(TrainSettings s) {
        Map<String, ParamSet.Tensor> m = new LinkedHashMap<>(s.refiner().initialize(s.seed()).all());
        m.putAll(s.discriminator().initialize(s.seed() + 1).all());
        return m;
    }

    public TrainSettings settings() {
        return s;
    }

    public long step() {
        return step;
    }

    public HistoryBuffer history() {
        return history;
    }

    public boolean done() {
        return step >= s.totalSteps();
    }

    /** The phase of the next step. */
    public Phase nextPhase() {
        long k = step;
        if (k < s.refinerPretrain()) return Phase.REFINER_PRETRAIN;
        k -= s.refinerPretrain();
        if (k < s.discPretrain()) return Phase.DISC_PRETRAIN;
        k -= s.discPretrain();
        if (k >= (long) s.iterations() * (s.kG() + s.kD())) return Phase.DONE;
        return k % (s.kG() + s.kD()) < s.kG() ? Phase.REFINER : Phase.DISCRIMINATOR;
    }

    /** Does the next step; returns what it did. */
    public StepReport step(TrainingListener listener) {
        Phase phase = nextPhase();
        if (phase == Phase.DONE) throw new IllegalStateException("the run is complete");
        long t0 = System.nanoTime();
        double rLoss = Double.NaN, adv = Double.NaN, reg = Double.NaN, dLoss = Double.NaN, accReal = Double.NaN, accRef = Double.NaN;
        if (phase == Phase.REFINER_PRETRAIN || phase == Phase.REFINER) {
            boolean adversarial = phase == Phase.REFINER;
            TrainStep ts = step(adversarial ? StepKind.REFINER : StepKind.REFINER_PRETRAIN);
            ts.setStep(refinerUpdates);
            Map<String, float[]> feeds = new HashMap<>();
            feeds.put(SimGanGraphs.SYNTHETIC, batch(synthetic, s.batch()));
            if (adversarial) feeds.putAll(augmentation.draw(rng, SimGanGraphs.AUG_REFINED, s.batch(), s.height(), s.width()));
            Map<String, float[]> out = ts.run(feeds);
            refinerUpdates++;
            rLoss = out.get(SimGanGraphs.R_LOSS)[0];
            reg = out.get(SimGanGraphs.R_REG)[0];
            if (adversarial) adv = out.get(SimGanGraphs.R_ADV)[0];
        } else {
            int half = s.batch() / 2, halfSize = half * imageSize;
            // a fresh refinement by the current refiner (its own inference session, the fastest graph for it)
            if (history.size() == 0) history.update(refine(batch(synthetic, s.batch())), half, new int[0]);
            float[] fresh = refine(batch(synthetic, s.batch()));
            float[] refined = new float[s.batch() * imageSize];
            System.arraycopy(fresh, 0, refined, 0, halfSize);
            float[] fromHistory = new float[halfSize];
            int[] drawn = history.sample(rng, half, fromHistory);
            System.arraycopy(fromHistory, 0, refined, halfSize, halfSize);
            TrainStep ts = step(StepKind.DISCRIMINATOR);
            ts.setStep(discUpdates);
            Map<String, float[]> feeds = new HashMap<>();
            feeds.put(SimGanGraphs.REAL, batch(real, s.batch()));
            feeds.put(SimGanGraphs.REFINED, refined);
            feeds.putAll(augmentation.draw(rng, SimGanGraphs.AUG_REAL, s.batch(), s.height(), s.width()));
            feeds.putAll(augmentation.draw(rng, SimGanGraphs.AUG_REFINED, s.batch(), s.height(), s.width()));
            Map<String, float[]> out = ts.run(feeds);
            discUpdates++;
            history.update(java.util.Arrays.copyOfRange(fresh, halfSize, 2 * halfSize), half, drawn);
            dLoss = out.get(SimGanGraphs.D_LOSS)[0];
            accReal = out.get(SimGanGraphs.ACC_REAL)[0];
            accRef = out.get(SimGanGraphs.ACC_REFINED)[0];
        }
        step++;
        double perImage = (System.nanoTime() - t0) / 1e9 / s.batch();
        secondsPerImage = Double.isNaN(secondsPerImage) ? perImage : 0.9 * secondsPerImage + 0.1 * perImage;
        double eta = (s.totalSteps() - step) * s.batch() * secondsPerImage;
        StepReport report = new StepReport(step, s.totalSteps(), phase, rLoss, adv, reg, dLoss, accReal, accRef, 1 / secondsPerImage, eta);
        listener.step(report); // the step is also the run's progress (TrainingListener.step): nothing else is sent for it
        if (s.previewEvery() > 0 && step % s.previewEvery() == 0) preview(listener);
        return report;
    }

    /** Sends the listener the first few synthetic images and their refined versions. */
    public void preview(TrainingListener listener) {
        int count = Math.min(Math.min(8, s.batch()), synthetic.size());
        float[] x = new float[s.batch() * imageSize];
        for (int i = 0; i < s.batch(); i++) synthetic.copy(i % synthetic.size(), x, i * imageSize);
        float[] y = refine(x);
        listener.preview(step, count, s.height(), s.width(), java.util.Arrays.copyOf(x, count * imageSize), java.util.Arrays.copyOf(y, count * imageSize));
    }

    /** Refines one batch ({@code batch * height * width} values in [-1, 1]) with the current refiner. */
    public float[] refine(float[] batch) {
        if (refineForward == null) {
            org.simgan.graph.Graph g = new org.simgan.graph.Graph();
            g.output("refined", refiner.forward(org.simgan.nn.ParamBinder.asInputs(), g.input(SimGanGraphs.SYNTHETIC, s.batch(), 1, s.height(), s.width())));
            refineForward = new GraphSession("refine", engine, g, store, true);
        }
        return refineForward.run(Map.of(SimGanGraphs.SYNTHETIC, batch)).get("refined");
    }

    private float[] batch(ImagePool pool, int n) {
        float[] b = new float[n * imageSize];
        for (int i = 0; i < n; i++) pool.copy(rng.nextInt(pool.size()), b, i * imageSize);
        return b;
    }

    /** The three training graphs, each built (and compiled by ONNX Runtime) when first needed. */
    private enum StepKind { REFINER_PRETRAIN, REFINER, DISCRIMINATOR }

    private TrainStep step(StepKind kind) {
        TrainStep ts = steps.get(kind);
        if (ts == null) {
            ts = switch (kind) {
                case REFINER_PRETRAIN, REFINER -> new TrainStep(kind == StepKind.REFINER ? "refiner" : "refiner-pretrain", engine,
                        SimGanGraphs.refinerStep(refiner, disc, s.batch(), s.lambda(), s.selfRegularization(), s.regularizationBlur(), kind == StepKind.REFINER, s.makeOptimizer(), s.ganLoss(),
                                augmentation), store, false, SimGanGraphs.R_LOSS);
                case DISCRIMINATOR -> new TrainStep("discriminator", engine,
                        SimGanGraphs.discriminatorStep(disc, s.batch(), s.makeDiscOptimizer(), s.ganLoss(), augmentation), store, false, SimGanGraphs.D_LOSS);
            };
            steps.put(kind, ts);
        }
        return ts;
    }

    /** The refiner's current parameters. */
    public ParamSet refinerParams() {
        return params(refiner.specs().keySet());
    }

    public ParamSet discriminatorParams() {
        return params(disc.specs().keySet());
    }

    private ParamSet params(java.util.Set<String> names) {
        ParamSet p = new ParamSet();
        for (String n : names) p.put(n, store.shape(n), store.get(n));
        return p;
    }

    public Refiner refinerNetwork() {
        return refiner;
    }

    /** A snapshot of everything needed to continue exactly from here. */
    public State state() {
        Map<String, ParamSet.Tensor> tensors = new LinkedHashMap<>();
        for (String n : store.names()) tensors.put(n, new ParamSet.Tensor(store.shape(n), store.get(n)));
        // optimizer state that a step has not created yet is zero, as a new step would make it
        return new State(s, step, refinerUpdates, discUpdates, rng.state(), tensors, history.size(),
                java.util.Arrays.copyOf(history.raw(), history.size() * imageSize));
    }

    @Override
    public void close() {
        List<AutoCloseable> open = new java.util.ArrayList<>(steps.values());
        open.add(refineForward);
        for (AutoCloseable c : open) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing native sessions; nothing to recover
                }
            }
        }
        store.close();
    }
}
