package org.simgan.train;

import org.simgan.graph.DType;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;
import org.simgan.nn.Discriminator;
import org.simgan.nn.GanLoss;
import org.simgan.nn.ParamBinder;
import org.simgan.nn.Refiner;
import org.simgan.nn.SelfRegularization;
import org.simgan.optim.Optimizer;
import org.simgan.optim.TrainStep;

/**
 * The train-step graphs of SimGAN (Shrivastava et al. 2017), each one run of ONNX Runtime:
 * <ul>
 * <li>refiner step: L_R = CE(D(R(x)), "real") + lambda * L1(R(x), x) (or L2), Adam (or SGD) on R only; the adversarial
 * term flows through D without updating it. With {@code adversarial = false} it is the pre-training step on the
 * self-regularisation term alone;</li>
 * <li>discriminator step: L_D = CE(D(real), "real") + CE(D(refined), "refined"), where the caller makes the
 * "refined" batch from a fresh refinement (half) and the history buffer (half).</li>
 * </ul>
 */
public final class SimGanGraphs {
    public static final String SYNTHETIC = "synthetic", REAL = "real";
    public static final String R_LOSS = "r_loss", R_ADV = "r_adversarial", R_REG = "r_regularization";
    public static final String D_LOSS = "d_loss", ACC_REAL = "d_accuracy_real", ACC_REFINED = "d_accuracy_refined", REFINED = "refined";
    public static final String R_PREFIX = "R.", D_PREFIX = "D.";
    /** Input prefixes of the discriminator's augmented views ({@link Augmentation#apply}). */
    public static final String AUG_REAL = "aug_real", AUG_REFINED = "aug_refined";

    private SimGanGraphs() {
    }

    /** The adversarial refiner step with the paper's loss and no augmentation (or the pre-training step). */
    public static TrainStep.Spec refinerStep(Refiner r, Discriminator d, int batch, double lambda, boolean adversarial, Optimizer opt) {
        return refinerStep(r, d, batch, lambda, SelfRegularization.L1, adversarial, opt, GanLoss.CE, Augmentation.NONE);
    }

    /**
     * The refiner step: L_R = loss(D(aug(R(x))), "real") + lambda * dist(R(x), x'), where x' is the image the refiner
     * starts from (x, or x equalised, {@link Refiner#prepared}), dist the self-regularisation's distance and aug the
     * discriminator's augmented view.
     */
    public static TrainStep.Spec refinerStep(Refiner r, Discriminator d, int batch, double lambda, SelfRegularization dist,
                                             boolean adversarial, Optimizer opt, GanLoss ganLoss, Augmentation aug) {
        return refinerStep(r, d, batch, lambda, dist, 0, adversarial, opt, ganLoss, aug);
    }

    /** The refiner step with the self-regularisation's distance taken after a blur of {@code blurSigma} pixels. */
    public static TrainStep.Spec refinerStep(Refiner r, Discriminator d, int batch, double lambda, SelfRegularization dist, double blurSigma,
                                             boolean adversarial, Optimizer opt, GanLoss ganLoss, Augmentation aug) {
        Graph g = new Graph();
        Value x = g.input(SYNTHETIC, batch, 1, r.height(), r.width());
        ParamBinder rp = ParamBinder.asInputs();
        Value y = r.forward(rp, x);
        Value reg = dist.distance(y, r.prepared(x), blurSigma).mul(lambda);
        g.output(R_REG, reg);
        Value loss = reg;
        if (adversarial) {
            Value adv = ganLoss.patches(d.forward(ParamBinder.asInputs(), aug.apply(y, AUG_REFINED)), Discriminator.REAL);
            g.output(R_ADV, adv);
            loss = adv.add(reg);
        }
        return TrainStep.build(g, loss, R_LOSS, rp.inputs(g), opt, R_PREFIX);
    }

    public static TrainStep.Spec discriminatorStep(Discriminator d, int batch, Optimizer opt) {
        return discriminatorStep(d, batch, opt, GanLoss.CE, Augmentation.NONE);
    }

    /**
     * The discriminator step on a real batch and a "refined" batch (the caller puts half fresh refinements and half
     * history-buffer images into it), each seen through its own augmentation draw.
     */
    public static TrainStep.Spec discriminatorStep(Discriminator d, int batch, Optimizer opt, GanLoss ganLoss, Augmentation aug) {
        if (batch < 2 || batch % 2 != 0) throw new IllegalArgumentException("the batch size must be even and at least 2, got " + batch);
        Graph g = new Graph();
        Value real = aug.apply(g.input(REAL, batch, 1, d.height(), d.width()), AUG_REAL);
        Value refined = aug.apply(g.input(REFINED, batch, 1, d.height(), d.width()), AUG_REFINED);
        ParamBinder dp = ParamBinder.asInputs();
        Value logits = d.forward(dp, g.concat(0, real, refined));
        Value realLogits = g.slice(logits, 0, 0, batch), refinedLogits = g.slice(logits, 0, batch, 2L * batch);
        Value loss = ganLoss.patches(realLogits, Discriminator.REAL).add(ganLoss.patches(refinedLogits, Discriminator.REFINED));
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
