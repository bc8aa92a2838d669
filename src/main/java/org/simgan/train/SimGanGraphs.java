package org.simgan.train;

import java.util.ArrayList;
import java.util.List;
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
 * <li>discriminator step: the refiner (not updated) refines a fresh synthetic batch; the first half of it and a
 * half batch from the history buffer form the "refined" batch; L_D = CE(D(real), "real") + CE(D(refined),
 * "refined"). The fresh second half is returned for the caller to put into the history buffer.</li>
 * </ul>
 */
public final class SimGanGraphs {
    public static final String SYNTHETIC = "synthetic", REAL = "real", HISTORY = "history";
    public static final String R_LOSS = "r_loss", R_ADV = "r_adversarial", R_REG = "r_regularization";
    public static final String D_LOSS = "d_loss", ACC_REAL = "d_accuracy_real", ACC_REFINED = "d_accuracy_refined", FRESH = "fresh_refined";
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

    public static TrainStep.Spec discriminatorStep(Refiner r, Discriminator d, int batch, Optimizer opt) {
        if (batch < 2 || batch % 2 != 0) throw new IllegalArgumentException("the batch size must be even and at least 2, got " + batch);
        int half = batch / 2;
        Graph g = new Graph();
        Value x = g.input(SYNTHETIC, batch, 1, r.height(), r.width());
        Value real = g.input(REAL, batch, 1, r.height(), r.width());
        Value history = g.input(HISTORY, half, 1, r.height(), r.width());
        Value fresh = r.forward(ParamBinder.asInputs(), x);
        g.output(FRESH, g.slice(fresh, 0, half, batch));
        Value refined = g.concat(0, g.slice(fresh, 0, 0, half), history);
        ParamBinder dp = ParamBinder.asInputs();
        Value both = g.concat(0, real, refined);
        Value logits = d.forward(dp, both);
        Value realLogits = g.slice(logits, 0, 0, batch), refinedLogits = g.slice(logits, 0, batch, 2L * batch);
        Value loss = Losses.patchCrossEntropy(realLogits, Discriminator.REAL).add(Losses.patchCrossEntropy(refinedLogits, Discriminator.REFINED));
        g.output(ACC_REAL, accuracy(realLogits, Discriminator.REAL));
        g.output(ACC_REFINED, accuracy(refinedLogits, Discriminator.REFINED));
        List<Value> params = new ArrayList<>(dp.inputs(g));
        return TrainStep.build(g, loss, D_LOSS, params, opt, D_PREFIX);
    }

    /** The share of patches whose larger logit is {@code label}'s. */
    static Value accuracy(Value logits, int label) {
        Graph g = logits.graph();
        Value mine = g.slice(logits, 1, label, label + 1), other = g.slice(logits, 1, 1 - label, 2 - label);
        return g.reduceMean(g.cast(g.greater(mine, other), DType.FLOAT), false, 0, 1, 2, 3);
    }
}
