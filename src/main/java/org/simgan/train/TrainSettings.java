package org.simgan.train;

import java.util.Locale;
import java.util.Map;
import org.simgan.nn.Discriminator;
import org.simgan.nn.Equalization;
import org.simgan.nn.GanLoss;
import org.simgan.nn.Padding;
import org.simgan.nn.Refiner;
import org.simgan.nn.SelfRegularization;
import org.simgan.optim.Optimizer;
import org.simgan.settings.SettingsSchema;

/**
 * Every choice of a SimGAN training run, with the paper's defaults (Shrivastava et al. 2017) where it gives one.
 * {@link #SCHEMA} describes each setting once (its name, type and help); the command line, the ImageJ dialog and its
 * macro keys, checkpoints and exported models all use it, so a resumed run uses the same settings and every setting
 * has one spelling. The constructor checks the values.
 */
public record TrainSettings(int batch, double lambda, String regularization, double regularizationBlur, String optimizer, double lr, double beta1, double beta2, double momentum,
                            int refinerPretrain, int discPretrain, int iterations, int kG, int kD, int historySize, long seed,
                            int features, int blocks, int discWidth, double discLr, String refinerPadding, String discPadding, String loss,
                            String augment, String preprocess, int height, int width, int checkpointEvery, int previewEvery) {

    public TrainSettings {
        require(batch >= 2 && batch % 2 == 0, "batch must be even and at least 2, got " + batch);
        require(lambda >= 0 && Double.isFinite(lambda), "lambda must be 0 or more, got " + lambda);
        require(refinerPretrain >= 0 && discPretrain >= 0 && iterations >= 0, "step counts must be 0 or more");
        require(kG >= 1 && kD >= 1, "kG and kD must be at least 1");
        require(historySize >= batch / 2, "the history buffer must hold at least half a batch (" + batch / 2 + "), got " + historySize);
        require(features >= 1 && blocks >= 0 && discWidth >= 1, "network sizes must be positive");
        require(height >= 8 && width >= 8, "images must be at least 8x8 for the discriminator, got " + width + "x" + height);
        require(checkpointEvery >= 0 && previewEvery >= 0, "intervals must be 0 or more");
        Optimizer.parse(optimizer, lr, beta1, beta2, 1e-8, momentum); // validates the optimizer's own parameters
        require(discLr >= 0 && Double.isFinite(discLr), "discLr must be 0 (the same as lr) or more, got " + discLr);
        refinerPadding = Padding.parse(refinerPadding).word();
        discPadding = Padding.parse(discPadding).word();
        loss = GanLoss.parse(loss).word();
        regularization = SelfRegularization.parse(regularization).word();
        require(regularizationBlur >= 0 && regularizationBlur <= SelfRegularization.MAX_BLUR,
                "regularization-blur must be 0 (pixel by pixel) to " + SelfRegularization.MAX_BLUR + " pixels, got " + regularizationBlur);
        augment = Augmentation.parse(augment).format();
        preprocess = preprocess.trim().toLowerCase(java.util.Locale.ROOT);
        require(preprocess.equals(NO_PREPROCESSING) || preprocess.equals(Equalization.NAME),
                "preprocess must be none or " + Equalization.NAME + ", got '" + preprocess + "'");
        // the networks check their own settings (the record's fields are not set yet in this constructor)
        new Refiner(height, width, features, blocks, Padding.parse(refinerPadding), preprocess.equals(Equalization.NAME));
        new Discriminator(height, width, 1, 1, 1, 1, Padding.parse(discPadding));
    }

    public static final String NO_PREPROCESSING = "none";

    /** The one description of every training setting, in the record's order. */
    public static final SettingsSchema<TrainSettings> SCHEMA = SettingsSchema.of(TrainSettings.class)
            .integer("batch", "images per batch (even)")
            .number("lambda", "weight of the self-regularisation term lambda * dist(R(x), x)")
            .choice("regularization", "dist: l1 (the paper, sum |R(x) - x|) or l2 (sum (R(x) - x)^2: large sparse changes dear, small dense ones cheap)", "l1", "l2")
            .number("regularization-blur", "Gaussian blur (pixels) of R(x) - x before dist: 0 compares pixel by pixel (the paper); more keeps the coarse layout, which carries the label, and leaves finer texture free")
            .choice("optimizer", "optimizer of both networks", "adam", "sgd")
            .number("lr", "learning rate (of both networks unless disc-lr is set)")
            .number("beta1", "Adam's beta1")
            .number("beta2", "Adam's beta2")
            .number("momentum", "SGD's momentum")
            .integer("refiner-pretrain", "refiner steps on the self-regularisation loss alone, first")
            .integer("disc-pretrain", "discriminator steps after those, before alternating")
            .integer("iterations", "alternating iterations, each k-g refiner steps then k-d discriminator steps")
            .integer("k-g", "refiner steps per iteration")
            .integer("k-d", "discriminator steps per iteration")
            .integer("history-size", "refined images the history buffer holds")
            .longInteger("seed", "seeds the weights, the batches and the history buffer")
            .integer("features", "refiner width (64 in the paper)")
            .integer("blocks", "refiner ResNet blocks (4 in the paper)")
            .integer("disc-width", "discriminator width as a divisor (1 = the paper's 96, 64, 32, 32)")
            .number("disc-lr", "the discriminator's learning rate (0 = the same as lr)")
            .choice("refiner-padding", "how the refiner's convolutions treat the image border", "zero", "reflect")
            .choice("disc-padding", "zero, or valid: the discriminator's patches stay inside the image", "zero", "valid")
            .choice("loss", "adversarial loss per patch: ce (cross-entropy, the paper) or ls (least squares)", "ce", "ls")
            .text("augment", "the discriminator's view of real and refined images: none, or flip, shift=N, contrast=F, brightness=F, noise=F, comma-separated")
            .choice("preprocess", "none, or equalize: the refiner histogram-equalises its input first (part of the model)",
                    NO_PREPROCESSING, Equalization.NAME)
            .integer("height", "image height in pixels")
            .integer("width", "image width in pixels")
            .integer("checkpoint-every", "steps between checkpoints (0 = only at the end or on stop)")
            .integer("preview-every", "steps between preview images (0 = never)")
            .build();

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    /** The paper's settings for 35x55 eye images (the preset {@code paper}). */
    public static TrainSettings paper() {
        return new TrainSettings(32, 0.01, "l1", 0, "adam", 1e-3, 0.5, 0.999, 0.9, 1000, 200, 10000, 1, 1, 3200, 0,
                64, 4, 1, 0, "zero", "zero", "ce", "none", NO_PREPROCESSING, 35, 55, 500, 100);
    }

    /**
     * The recommended settings (the preset {@code recommended}, the default): the paper's networks at half the
     * refiner's width, with the changes the realism experiments made to the paper's recipe (README, "Training on real
     * eye crops"): border-free convolutions (reflect-padded refiner, discriminator patches inside the image), a
     * least-squares patch loss, a half-width discriminator at a fifth of the refiner's learning rate that sees flipped
     * and shifted images, two refiner steps per discriminator step, an L2 self-regularisation at lambda 0.1 (with the
     * paper's L1 the refiner paints glint-like specks and white crescents instead of changing texture), and the
     * histogram equalisation the real crops carry, built into the refiner. They remove the border artefacts, the specks
     * and the crescents and keep the discriminator from winning at once; they do not yet make refined eyes pass for real.
     */
    public static TrainSettings recommended() {
        return new TrainSettings(32, 0.1, "l2", 0, "adam", 1e-3, 0.5, 0.999, 0.9, 300, 100, 600, 2, 1, 3200, 0,
                32, 4, 2, 2e-4, "reflect", "valid", "ls", "flip,shift=2", Equalization.NAME, 35, 55, 500, 100);
    }

    /** The settings a run starts from when none are given: {@link #recommended()}. */
    public static TrainSettings defaults() {
        return recommended();
    }

    /** A named preset: {@code recommended} or {@code paper}. */
    public static TrainSettings preset(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "recommended" -> recommended();
            case "paper" -> paper();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "': use recommended or paper");
        };
    }

    public Refiner refiner() {
        return new Refiner(height, width, features, blocks, Padding.parse(refinerPadding), preprocess.equals(Equalization.NAME));
    }

    public Discriminator discriminator() {
        Discriminator p = Discriminator.paper(height, width);
        return new Discriminator(height, width, Math.max(1, p.c1() / discWidth), Math.max(1, p.c2() / discWidth),
                Math.max(1, p.c3() / discWidth), Math.max(1, p.c4() / discWidth), Padding.parse(discPadding));
    }

    public SelfRegularization selfRegularization() {
        return SelfRegularization.parse(regularization);
    }

    public GanLoss ganLoss() {
        return GanLoss.parse(loss);
    }

    public Augmentation augmentation() {
        return Augmentation.parse(augment);
    }

    /** The refiner's optimizer. */
    public Optimizer makeOptimizer() {
        return Optimizer.parse(optimizer, lr, beta1, beta2, 1e-8, momentum);
    }

    /** The discriminator's optimizer: the refiner's, at {@code discLr} when that is set. */
    public Optimizer makeDiscOptimizer() {
        return Optimizer.parse(optimizer, discLr > 0 ? discLr : lr, beta1, beta2, 1e-8, momentum);
    }

    /** All steps of the run: pre-training and iterations. */
    public long totalSteps() {
        return refinerPretrain + discPretrain + (long) iterations * (kG + kD);
    }

    /** The settings as name=value pairs, by their {@linkplain #SCHEMA names}, in declaration order. */
    public Map<String, String> toMap() {
        return SCHEMA.toMap(this);
    }

    /**
     * Settings from name=value pairs ({@linkplain #SCHEMA names}, or the spellings of earlier versions); names not
     * given keep the values of {@code base}. Unknown names are errors.
     */
    public static TrainSettings fromMap(Map<String, String> values, TrainSettings base) {
        return SCHEMA.fromMap(values, base);
    }
}
