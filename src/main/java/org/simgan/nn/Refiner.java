package org.simgan.nn;

import org.simgan.graph.Value;

/**
 * The SimGAN refiner: conv3x3 (features) + ReLU, {@code blocks} ResNet blocks (conv3x3, ReLU, conv3x3, add the
 * block input, ReLU), conv1x1 to one channel, tanh. Input and output are images in [-1, 1] of the same size.
 */
public record Refiner(int height, int width, int features, int blocks) implements Network {

    public static Refiner paper(int height, int width) {
        return new Refiner(height, width, 64, 4);
    }

    @Override
    public String outputName() {
        return "refined";
    }

    @Override
    public String name() {
        return "R";
    }

    @Override
    public Value forward(ParamBinder p, Value x) {
        Value h = Layers.conv(p, "R.head", x, features, 3, 1, 1).relu();
        for (int i = 0; i < blocks; i++) {
            Value a = Layers.conv(p, "R.block" + i + ".a", h, features, 3, 1, 1).relu();
            Value b = Layers.conv(p, "R.block" + i + ".b", a, features, 3, 1, 1);
            h = b.add(h).relu();
        }
        return Layers.conv(p, "R.tail", h, 1, 1, 1, 0).tanh();
    }
}
