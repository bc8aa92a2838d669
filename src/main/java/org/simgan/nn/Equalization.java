package org.simgan.nn;

import org.simgan.graph.DType;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;

/**
 * Histogram equalisation of each image, as graph ops, so that an exported refiner carries it and any ONNX runtime
 * applies it exactly as training did. Images in [-1, 1] are cut into 256 grey levels ({@code round((x + 1) * 127.5)},
 * the 8-bit value for 8-bit images), each level is mapped through the image's cumulative histogram,
 * {@code round(max(0, cdf(v) - cdf(min)) * 255 / (pixels - cdf(min)))}, and the result is scaled back to [-1, 1]. An
 * image of one grey level is left as it is. This is the usual mapping (as ImageJ's and OpenCV's), and the one the
 * simulator's camera-style stand-in and the public MPIIGaze eye crops use.
 */
public final class Equalization {
    /** The name recorded in model metadata and training settings. */
    public static final String NAME = "equalize";
    static final int LEVELS = 256;

    private Equalization() {
    }

    /** The equalised images of {@code x} ([N, 1, H, W] in [-1, 1]). */
    public static Value apply(Value x) {
        Graph g = x.graph();
        long h = x.dim(2), w = x.dim(3), pixels = h * w;
        Value levels = g.unary("Round", x.add(1).mul(127.5));
        levels = g.binary("Max", g.binary("Min", levels, g.scalar(LEVELS - 1)), g.scalar(0));
        Value flat = levels.reshape(-1, 1, pixels); // [N, 1, P]
        float[] k = new float[LEVELS];
        for (int i = 0; i < LEVELS; i++) k[i] = i;
        Value thresholds = g.constant("equalize_levels", k, 1, LEVELS, 1);
        Value cdf = g.reduceSum(g.cast(g.compare("LessOrEqual", flat, thresholds), DType.FLOAT), false, 2); // [N, 256]
        Value lowest = g.reduceMin(flat, true, 2); // [N, 1, 1]
        Value cdfMin = g.reduceSum(g.cast(g.compare("Equal", flat, lowest), DType.FLOAT), false, 2); // [N, 1]
        Value span = g.scalar(pixels).sub(cdfMin);
        Value flatSpan = g.binary("Max", span, g.scalar(1));
        Value lut = g.unary("Round", g.binary("Max", cdf.sub(cdfMin), g.scalar(0)).mul(LEVELS - 1).div(flatSpan)); // [N, 256]
        Value index = g.cast(flat.reshape(-1, pixels), DType.INT64); // [N, P]
        Value mapped = g.gatherElements(lut, index, 1); // [N, P]
        Value equalised = g.where(g.compare("Greater", span, g.scalar(0)), mapped, flat.reshape(-1, pixels));
        return equalised.mul(1 / 127.5).add(-1).reshape(-1, 1, h, w);
    }
}
