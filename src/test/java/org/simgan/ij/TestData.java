package org.simgan.ij;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;
import org.simgan.data.io.DatasetIo;
import org.simgan.eval.GazeModel;
import org.simgan.eval.GazeTraining;
import org.simgan.nn.ModelExport;
import org.simgan.nn.Refiner;
import org.simgan.progress.Listener;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

/** Small labelled images and an untrained tiny refiner, so plugin tests take a fraction of a second each. */
final class TestData {
    static final int W = 16, H = 12;
    /** Macro options for a tiny training run on {@link #images}. */
    static final String TINY = "batch=4 features=4 blocks=1 disc-width=16 history-size=8 height=12 width=16 refiner-pretrain=2 "
            + "disc-pretrain=1 iterations=2 checkpoint-every=0 preview-every=1 seed=5 disc-padding=zero";

    private TestData() {
    }

    /** {@code n} 8-bit (or 16-bit) blob images with names and gazes. */
    static EyeDataset images(int n, int bitDepth, boolean noisy, long seed) {
        return images(n, W, H, bitDepth, noisy, seed);
    }

    /** {@code n} labelled blob images of {@code w x h} (the gaze estimator needs at least 20 rows). */
    static EyeDataset images(int n, int W, int H, int bitDepth, boolean noisy, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float max = bitDepth == 16 ? 65535 : 255;
        float[][] px = new float[n][W * H];
        SliceLabel[] labels = new SliceLabel[n];
        for (int i = 0; i < n; i++) {
            double cx = W / 4.0 + W / 2.0 * r.nextDouble(), cy = H / 4.0 + H / 2.0 * r.nextDouble();
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++) {
                    double v = 0.8 - 0.6 * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 6) + (noisy ? 0.1 * r.nextGaussian() : 0);
                    px[i][y * W + x] = Math.round(Math.max(0, Math.min(1, v)) * max);
                }
            // as the label format writes it (four decimals), so labels compare equal after a file round trip
            labels[i] = SliceLabel.parse(new SliceLabel(String.format("eye%03d", i), Gaze.fromPitchYaw(0.05 * i - 0.2, 0.3 - 0.04 * i)).format());
        }
        return new EyeDataset(W, H, bitDepth, px, labels);
    }

    /** A gaze estimator trained for a few steps on {@code labelled} (widths / 8), saved as ONNX. */
    static Path gazeModel(EyeDataset labelled, Path file) throws IOException {
        GazeTraining.Settings s = new GazeTraining.Settings(8, 4, 4, 2e-3, 1);
        try (GazeModel m = GazeTraining.train(labelled, s, "test blobs", new Engine(Device.CPU, 1), Listener.NONE).model()) {
            m.save(file);
        }
        return file;
    }

    static Path write(EyeDataset ds, Path file) throws IOException {
        DatasetIo.write(ds, file);
        return file;
    }

    /** A freshly initialised tiny refiner for {@link #W}x{@link #H} images, saved as ONNX. */
    static Path model(Path file) throws IOException {
        return model(file, W, H);
    }

    /** A freshly initialised tiny refiner for {@code w x h} images, saved as ONNX. */
    static Path model(Path file, int w, int h) throws IOException {
        Refiner net = new Refiner(h, w, 4, 1);
        ModelExport.save(ModelExport.model(net, net.initialize(3), Map.of()), file);
        return file;
    }
}
