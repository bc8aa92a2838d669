package org.simgan.nn;

import org.simgan.graph.Value;

/**
 * The SimGAN local discriminator: conv3x3/2 (c1), conv3x3/2 (c2), maxpool 3x3/1, conv3x3 (c3), conv1x1 (c4),
 * conv1x1 to 2 channels, ReLU after each but the last. Its output [N, 2, h, w] holds, at each of the h x w
 * positions, the two logits (class 0 "real", class 1 "refined") of one local patch of the image.
 *
 * <p>With {@link Padding#ZERO} (the paper) the 3x3 convolutions pad with zeros, so patches at the border also see
 * the zero frame and where they are. With {@link Padding#VALID} nothing is padded: every patch lies inside the
 * image (a 35x55 image gives 4x9 patches of 23x23 pixels, 4 pixels apart).
 */
public record Discriminator(int height, int width, int c1, int c2, int c3, int c4, Padding padding) implements Network {

    public static final int REAL = 0;
    public static final int REFINED = 1;

    public Discriminator {
        if (padding != Padding.ZERO && padding != Padding.VALID) {
            throw new IllegalArgumentException("the discriminator pads with zero or not at all (valid), not " + padding.word());
        }
        if (padding == Padding.VALID && (height < 23 || width < 23)) {
            throw new IllegalArgumentException("a discriminator with valid padding needs images of at least 23x23 pixels (one patch), got " + width + "x" + height + ": set the discriminator padding (discPadding) to zero for smaller images");
        }
    }

    /** The paper's zero-padded discriminator. */
    public Discriminator(int height, int width, int c1, int c2, int c3, int c4) {
        this(height, width, c1, c2, c3, c4, Padding.ZERO);
    }

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
        int pad = padding == Padding.ZERO ? 1 : 0;
        Value h = Layers.conv(p, "D.c1", x, c1, 3, 2, pad).relu();
        h = Layers.conv(p, "D.c2", h, c2, 3, 2, pad).relu();
        h = Layers.maxPool(h, 3, 1);
        h = Layers.conv(p, "D.c3", h, c3, 3, 1, pad).relu();
        h = Layers.conv(p, "D.c4", h, c4, 1, 1, 0).relu();
        return Layers.conv(p, "D.logits", h, 2, 1, 1, 0);
    }
}
