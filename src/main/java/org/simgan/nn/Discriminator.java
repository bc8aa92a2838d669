package org.simgan.nn;

import org.simgan.graph.Value;

/**
 * The SimGAN local discriminator: conv3x3/2 (c1), conv3x3/2 (c2), maxpool 3x3/1, conv3x3 (c3), conv1x1 (c4),
 * conv1x1 to 2 channels, ReLU after each but the last. Its output [N, 2, h, w] holds, at each of the h x w
 * positions, the two logits (class 0 "real", class 1 "refined") of one local patch of the image.
 */
public record Discriminator(int height, int width, int c1, int c2, int c3, int c4) implements Network {

    public static final int REAL = 0;
    public static final int REFINED = 1;

    public static Discriminator paper(int height, int width) {
        return new Discriminator(height, width, 96, 64, 32, 32);
    }

    @Override
    public String outputName() {
        return "logits";
    }

    @Override
    public String name() {
        return "D";
    }

    @Override
    public Value forward(ParamBinder p, Value x) {
        Value h = Layers.conv(p, "D.c1", x, c1, 3, 2, 1).relu();
        h = Layers.conv(p, "D.c2", h, c2, 3, 2, 1).relu();
        h = Layers.maxPool(h, 3, 1);
        h = Layers.conv(p, "D.c3", h, c3, 3, 1, 1).relu();
        h = Layers.conv(p, "D.c4", h, c4, 1, 1, 0).relu();
        return Layers.conv(p, "D.logits", h, 2, 1, 1, 0);
    }
}
