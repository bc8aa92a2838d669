package org.simgan.train;

import org.simgan.graph.DType;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;
import org.simgan.nn.Discriminator;
import org.simgan.nn.Losses;
import org.simgan.nn.ParamBinder;
import org.simgan.nn.Refiner;
import org.simgan.optim.Optimizer;
import org.simgan.optim.TrainStep;

/**
 * The train-step graphs of SimGAN (Shrivastava et al. 2017), each one run of ONNX Runtime:
 * <ul>
 * <li>refiner step: L_R = CE(D(R(x)), "real") + lambda * L1(R(x), x), Adam (or SGD) on R only; the adversarial
 * term flows through D without updating it. With {@code adversarial = false} it is the pre-training step on the
 * self-regularisation term alone;</li>
 * <li>discriminator step: L_D = CE(D(real), "real") + CE(D(refined), "refined"), where the caller makes the
 * "refined" batch from a fresh refinement (half) and the history buffer (half).</li>
 * </ul>
 */
public final class SimGanGraphs {
    public static final String SYNTHETIC = "synthetic", REAL = "real", HISTORY = "history";
    public static final String R_LOSS = "r_loss", R_ADV = "r_adversarial", R_REG = "r_regularization";
    public static final String D_LOSS = "d_loss", ACC_REAL = "d_accuracy_real", ACC_REFINED = "d_accuracy_refined", REFINED = "refined";
    public static final String R_PREFIX = "R.", D_PREFIX = "D.";

    private SimGanGraphs() {
    }

    public static TrainStep.Spec refinerStep(Refiner r, Discriminator d, int batch, double lambda, boolean adversarial, Optimizer opt) {
        Graph g = new Graph();
        Value x = g.input(SYNTHETIC, batch, 1, r.height(), r.width());
        ParamBinder rp = ParamBinder.asInputs();
        Value y = r.forward(rp, x);
        Value reg = Losses.l1(y, x).mul(lambda);
        g.output(R_REG, reg);
        Value loss = reg;
        if (adversarial) {
            Value adv = Losses.patchCrossEntropy(d.forward(ParamBinder.asInputs(), y), Discriminator.REAL);
            g.output(R_ADV, adv);
            loss = adv.add(reg);
        }
        return TrainStep.build(g, loss, R_LOSS, rp.inputs(g), opt, R_PREFIX);
    }

    /**
     * The discriminator step on a real batch and a "refined" batch (the caller puts half fresh refinements and half
     * history-buffer images into it).
     */
    public static TrainStep.Spec discriminatorStep(Discriminator d, int batch, Optimizer opt) {
        if (batch < 2 || batch % 2 != 0) throw new IllegalArgumentException("the batch size must be even and at least 2, got " + batch);
        Graph g = new Graph();
        Value real = g.input(REAL, batch, 1, d.height(), d.width());
        Value refined = g.input(REFINED, batch, 1, d.height(), d.width());
        ParamBinder dp = ParamBinder.asInputs();
        Value logits = d.forward(dp, g.concat(0, real, refined));
        Value realLogits = g.slice(logits, 0, 0, batch), refinedLogits = g.slice(logits, 0, batch, 2L * batch);
        Value loss = Losses.patchCrossEntropy(realLogits, Discriminator.REAL).add(Losses.patchCrossEntropy(refinedLogits, Discriminator.REFINED));
        g.output(ACC_REAL, accuracy(realLogits, Discriminator.REAL));
        g.output(ACC_REFINED, accuracy(refinedLogits, Discriminator.REFINED));
        return TrainStep.build(g, loss, D_LOSS, dp.inputs(g), opt, D_PREFIX);
    }

    /** The share of patches whose larger logit is {@code label}'s. */
    static Value accuracy(Value logits, int label) {
        Graph g = logits.graph();
        Value mine = g.slice(logits, 1, label, label + 1), other = g.slice(logits, 1, 1 - label, 2 - label);
        return g.reduceMean(g.cast(g.greater(mine, other), DType.FLOAT), false, 0, 1, 2, 3);
    }
}
