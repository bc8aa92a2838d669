package org.simgan.bench;

import java.util.SplittableRandom;
import org.simgan.runtime.Engine;
import org.simgan.train.ImagePool;
import org.simgan.train.TrainSettings;
import org.simgan.train.Trainer;
import org.simgan.train.TrainingListener;

/**
 * One full SimGAN iteration, through the same {@link Trainer} a real run uses: a refiner step (adversarial loss
 * through D plus lambda * L1, Adam on R), then a discriminator step (fresh refined half batch, half from the
 * history buffer, a real batch, Adam on D). Random images stand in for data.
 */
public final class IterationWorkload implements Workload {
    private final Trainer trainer;
    private final int batch;
    private final boolean refinerOnly;
    private final TrainingListener quiet = new TrainingListener() {
    };

    /**
     * @param refinerOnly time the refiner's adversarial step alone (the discriminator is not updated)
     */
    public IterationWorkload(Engine engine, int batch, boolean refinerOnly) {
        this.batch = batch;
        this.refinerOnly = refinerOnly;
        // the paper's networks and step, as the PyTorch reference times them
        int kG = refinerOnly ? Integer.MAX_VALUE / 4 : 1;
        TrainSettings s = TrainSettings.fromMap(java.util.Map.of("batch", Integer.toString(batch), "refiner-pretrain", "0", "disc-pretrain", "0",
                "iterations", Integer.toString(Integer.MAX_VALUE / 4), "k-g", Integer.toString(kG), "k-d", "1",
                "history-size", Integer.toString(100 * batch), "checkpoint-every", "0", "preview-every", "0"), TrainSettings.paper());
        SplittableRandom rnd = new SplittableRandom(1);
        float[][] synthetic = new float[8 * batch][], real = new float[8 * batch][];
        for (int i = 0; i < synthetic.length; i++) {
            synthetic[i] = random(rnd, s.height() * s.width());
            real[i] = random(rnd, s.height() * s.width());
        }
        trainer = new Trainer(s, ImagePool.ofModelRange(synthetic, s.height() * s.width()), ImagePool.ofModelRange(real, s.height() * s.width()), engine);
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rnd.nextDouble() * 2 - 1);
        return a;
    }

    @Override
    public void step() {
        trainer.step(quiet);
        if (!refinerOnly) trainer.step(quiet);
    }

    @Override
    public int imagesPerStep() {
        return batch;
    }

    @Override
    public void close() {
        trainer.close();
    }
}
