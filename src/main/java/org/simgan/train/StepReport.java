package org.simgan.train;

/**
 * What one training step did. Losses that the step's phase does not compute are NaN.
 *
 * @param step             steps done so far in the whole run (1 after the first)
 * @param totalSteps       steps the run will do in all
 * @param phase            what kind of step this was
 * @param refinerLoss      the refiner's total loss
 * @param adversarial      the refiner's adversarial term (patch cross-entropy of D on refined images labelled real)
 * @param regularization   lambda * L1(R(x) - x)
 * @param discLoss         the discriminator's loss (real and refined cross-entropy)
 * @param accuracyReal     share of real patches the discriminator calls real
 * @param accuracyRefined  share of refined patches it calls refined
 * @param imagesPerSecond  synthetic images per second over recent steps
 * @param etaSeconds       estimated time to the end of the run
 */
public record StepReport(long step, long totalSteps, Trainer.Phase phase, double refinerLoss, double adversarial, double regularization,
                         double discLoss, double accuracyReal, double accuracyRefined, double imagesPerSecond, double etaSeconds) {

    /** A compact progress line for logs. */
    public String line() {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "step %d/%d %-11s", step, totalSteps, phase.label));
        if (!Double.isNaN(refinerLoss)) b.append(String.format(java.util.Locale.ROOT, " R %.4f", refinerLoss));
        if (!Double.isNaN(adversarial)) b.append(String.format(java.util.Locale.ROOT, " (adv %.4f reg %.4f)", adversarial, regularization));
        if (!Double.isNaN(discLoss)) {
            b.append(String.format(java.util.Locale.ROOT, " D %.4f acc real %.2f refined %.2f", discLoss, accuracyReal, accuracyRefined));
        }
        b.append(String.format(java.util.Locale.ROOT, " | %.1f img/s ETA %s", imagesPerSecond, duration(etaSeconds)));
        return b.toString();
    }

    static String duration(double s) {
        if (!Double.isFinite(s)) return "?";
        long t = Math.round(s);
        return t >= 3600 ? String.format("%dh%02dm", t / 3600, t / 60 % 60) : String.format("%dm%02ds", t / 60, t % 60);
    }
}
