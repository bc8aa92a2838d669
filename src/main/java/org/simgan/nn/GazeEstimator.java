package org.simgan.nn;

import org.simgan.graph.Value;

/**
 * The gaze estimator of the SimGAN paper, for evaluation: conv3x3 32, conv3x3 32, conv3x3 64, maxpool 3x3/2,
 * conv3x3 80, conv3x3 192, maxpool 2x2/2, fully connected (9600 inputs at 35x55), 1000, 3; ReLU between layers.
 * It regresses the 3-D gaze vector (normalise its output to get a unit look vector). {@code scale} divides every
 * width (1 for the paper's network; tests use tiny ones).
 */
public record GazeEstimator(int height, int width, int scale) implements Network {

    public static GazeEstimator paper(int height, int width) {
        return new GazeEstimator(height, width, 1);
    }

    @Override
    public String outputName() {
        return "gaze";
    }

    @Override
    public String name() {
        return "G";
    }

    private int w(int n) {
        return Math.max(1, n / scale);
    }

    @Override
    public Value forward(ParamBinder p, Value x) {
        Value h = Layers.conv(p, "G.c1", x, w(32), 3, 1, 0).relu();
        h = Layers.conv(p, "G.c2", h, w(32), 3, 1, 0).relu();
        h = Layers.conv(p, "G.c3", h, w(64), 3, 1, 0).relu();
        h = Layers.maxPool(h, 3, 2);
        h = Layers.conv(p, "G.c4", h, w(80), 3, 1, 0).relu();
        h = Layers.conv(p, "G.c5", h, w(192), 3, 1, 0).relu();
        h = Layers.maxPool(h, 2, 2);
        h = x.graph().flatten(h);
        h = Layers.dense(p, "G.fc1", h, w(1000)).relu();
        return Layers.dense(p, "G.out", h, 3);
    }
}
