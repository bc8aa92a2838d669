package org.simgan.nn;

import org.simgan.graph.Graph;
import org.simgan.graph.Value;

/**
 * The SimGAN refiner: conv3x3 (features) + ReLU, {@code blocks} ResNet blocks (conv3x3, ReLU, conv3x3, add the
 * block input, ReLU), conv1x1 to one channel, tanh. Input and output are images in [-1, 1] of the same size.
 *
 * <p>With {@link Padding#ZERO} every 3x3 convolution pads with zeros (the paper). With {@link Padding#REFLECT} the
 * input is mirrored once by {@link #reach()} pixels on each side and the convolutions run unpadded, each block's
 * shortcut cropped to its output, so the output has the input's size and no pixel of it depends on a zero frame.
 *
 * <p>With {@code equalize} the network first histogram-equalises each input image ({@link Equalization}); that is
 * part of the network, so training, refining and every exported model apply it the same way. The
 * self-regularisation term then compares the output with the equalised input ({@link #prepared}).
 */
public record Refiner(int height, int width, int features, int blocks, Padding padding, boolean equalize) implements Network {

    public Refiner {
        if (padding != Padding.ZERO && padding != Padding.REFLECT) {
            throw new IllegalArgumentException("the refiner pads with zero or reflect, not " + padding.word());
        }
    }

    /** A refiner with the paper's zero padding and no equalisation. */
    public Refiner(int height, int width, int features, int blocks) {
        this(height, width, features, blocks, Padding.ZERO, false);
    }

    /** The image the convolutions start from: {@code x} itself, or equalised. */
    public Value prepared(Value x) {
        return equalize ? Equalization.apply(x) : x;
    }

    public static Refiner paper(int height, int width) {
        return new Refiner(height, width, 64, 4);
    }

    /** How far (pixels) an output pixel sees in each direction: one per 3x3 convolution. */
    public int reach() {
        return 1 + 2 * blocks;
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
        boolean reflect = padding == Padding.REFLECT;
        int pad = reflect ? 0 : 1;
        Graph g = x.graph();
        Value start = prepared(x);
        Value in = reflect ? g.reflectPad(start, reach(), reach(), reach(), reach()) : start;
        Value h = Layers.conv(p, "R.head", in, features, 3, 1, pad).relu();
        for (int i = 0; i < blocks; i++) {
            Value a = Layers.conv(p, "R.block" + i + ".a", h, features, 3, 1, pad).relu();
            Value b = Layers.conv(p, "R.block" + i + ".b", a, features, 3, 1, pad);
            Value shortcut = reflect ? crop(h, 2) : h;
            h = b.add(shortcut).relu();
        }
        return Layers.conv(p, "R.tail", h, 1, 1, 1, 0).tanh();
    }

    /** {@code x} without {@code k} pixels on every side of its two spatial axes. */
    static Value crop(Value x, long k) {
        long hh = x.dim(2), ww = x.dim(3);
        return x.graph().slice(x, new long[] {2, 3}, new long[] {k, k}, new long[] {hh - k, ww - k}, new long[] {1, 1});
    }
}
