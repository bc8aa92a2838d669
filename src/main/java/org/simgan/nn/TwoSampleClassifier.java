package org.simgan.nn;

import org.simgan.graph.Value;

/**
 * The fixed small CNN of the two-sample classifier test (C2ST, {@code org.simgan.eval.C2st}): three 3x3 stride-2
 * convolutions with ReLU ({@code c1}, {@code c2}, {@code c3} channels), then a fully connected layer to
 * {@code hidden} units with ReLU and one to 2 logits (class 0 "real", class 1 "candidate"). Small on purpose: it
 * must train in seconds on a CPU, and the test measures how separable two image sets are to one fixed recipe, not
 * the best classifier there is.
 */
public record TwoSampleClassifier(int height, int width, int c1, int c2, int c3, int hidden) implements Network {

    public static final int REAL = 0;
    public static final int CANDIDATE = 1;

    /** The recipe every evaluation uses: 8, 16, 16 channels and 32 hidden units. */
    public static TwoSampleClassifier recipe(int height, int width) {
        return new TwoSampleClassifier(height, width, 8, 16, 16, 32);
    }

    @Override
    public String name() {
        return "C";
    }

    @Override
    public String outputName() {
        return "logits";
    }

    @Override
    public Value forward(ParamBinder p, Value x) {
        Value h = Layers.conv(p, "C.c1", x, c1, 3, 2, 1).relu();
        h = Layers.conv(p, "C.c2", h, c2, 3, 2, 1).relu();
        h = Layers.conv(p, "C.c3", h, c3, 3, 2, 1).relu();
        h = x.graph().flatten(h);
        h = Layers.dense(p, "C.fc", h, hidden).relu();
        return Layers.dense(p, "C.logits", h, 2);
    }
}
