package org.simgan.graph;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * A double-precision tensor with naive, loop-by-loop implementations of the ops the engine supports. It is the
 * independent reference the graph's float results and gradients are checked against.
 */
final class DT {
    final int[] shape;
    final double[] data;

    DT(int[] shape, double[] data) {
        this.shape = shape;
        this.data = data;
        if (size(shape) != data.length) throw new IllegalArgumentException("bad DT " + Arrays.toString(shape));
    }

    DT(int... shape) {
        this(shape, new double[size(shape)]);
    }

    static int size(int[] s) {
        int n = 1;
        for (int d : s) n *= d;
        return n;
    }

    /** Random values in [lo, hi), rounded to float so graph and reference see the same numbers. */
    static DT random(SplittableRandom r, double lo, double hi, int... shape) {
        DT t = new DT(shape);
        for (int i = 0; i < t.data.length; i++) t.data[i] = (float) (lo + (hi - lo) * r.nextDouble());
        return t;
    }

    DT copy() {
        return new DT(shape.clone(), data.clone());
    }

    float[] floats() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
        return f;
    }

    long[] longShape() {
        return Arrays.stream(shape).asLongStream().toArray();
    }

    int[] strides() {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= shape[i];
        }
        return st;
    }

    int[] unravel(int flat) {
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    double sum() {
        double s = 0;
        for (double d : data) s += d;
        return s;
    }

    DT map(DoubleUnaryOperator f) {
        DT o = new DT(shape.clone());
        for (int i = 0; i < data.length; i++) o.data[i] = f.applyAsDouble(data[i]);
        return o;
    }

    interface Op2 {
        double apply(double a, double b);
    }

    /** Element-wise with numpy broadcasting. */
    static DT zip(DT a, DT b, Op2 f) {
        int r = Math.max(a.shape.length, b.shape.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.shape.length ? 1 : a.shape[i - (r - a.shape.length)];
            int db = i < r - b.shape.length ? 1 : b.shape[i - (r - b.shape.length)];
            out[i] = Math.max(da, db);
        }
        DT o = new DT(out);
        for (int f0 = 0; f0 < o.data.length; f0++) {
            int[] idx = o.unravel(f0);
            o.data[f0] = f.apply(a.data[a.broadcastIndex(idx)], b.data[b.broadcastIndex(idx)]);
        }
        return o;
    }

    private int broadcastIndex(int[] outIdx) {
        int off = outIdx.length - shape.length, flat = 0;
        int[] st = strides();
        for (int i = 0; i < shape.length; i++) flat += (shape[i] == 1 ? 0 : outIdx[i + off]) * st[i];
        return flat;
    }

    DT add(DT o) {
        return zip(this, o, Double::sum);
    }

    DT mul(DT o) {
        return zip(this, o, (a, b) -> a * b);
    }

    DT reshape(int... s) {
        return new DT(s, data.clone());
    }

    DT transpose(int... perm) {
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) out[i] = shape[perm[i]];
        DT o = new DT(out);
        int[] st = strides();
        for (int f = 0; f < o.data.length; f++) {
            int[] idx = o.unravel(f);
            int src = 0;
            for (int i = 0; i < perm.length; i++) src += idx[i] * st[perm[i]];
            o.data[f] = data[src];
        }
        return o;
    }

    DT reduceSum(boolean keep, int... axes) {
        int[] ks = shape.clone();
        for (int a : axes) ks[a] = 1;
        DT o = new DT(ks);
        int[] ost = o.strides();
        for (int f = 0; f < data.length; f++) {
            int[] idx = unravel(f);
            int dst = 0;
            for (int i = 0; i < idx.length; i++) dst += (ks[i] == 1 ? 0 : idx[i]) * ost[i];
            o.data[dst] += data[f];
        }
        if (keep) return o;
        int[] ns = Arrays.stream(ks).filter(x -> true).toArray();
        java.util.List<Integer> kept = new java.util.ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            final int ii = i;
            if (Arrays.stream(axes).noneMatch(a -> a == ii)) kept.add(shape[i]);
        }
        return new DT(kept.stream().mapToInt(Integer::intValue).toArray(), o.data);
    }

    /** Softmax or log-softmax along {@code axis}. */
    DT softmax(int axis, boolean log) {
        DT o = new DT(shape.clone());
        int[] st = strides();
        for (int f = 0; f < data.length; f++) {
            int[] idx = unravel(f);
            if (idx[axis] != 0) continue;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < shape[axis]; c++) max = Math.max(max, data[f + c * st[axis]]);
            double s = 0;
            for (int c = 0; c < shape[axis]; c++) s += Math.exp(data[f + c * st[axis]] - max);
            for (int c = 0; c < shape[axis]; c++) {
                double z = data[f + c * st[axis]] - max;
                o.data[f + c * st[axis]] = log ? z - Math.log(s) : Math.exp(z) / s;
            }
        }
        return o;
    }

    /** [.., M, K] x [K, N] (or batched [B, M, K] x [B, K, N]). */
    DT matmul(DT b) {
        int M = shape[shape.length - 2], K = shape[shape.length - 1], N = b.shape[b.shape.length - 1];
        int batch = data.length / (M * K);
        boolean bBatched = b.shape.length == 3;
        int[] out = shape.clone();
        out[out.length - 1] = N;
        DT o = new DT(out);
        for (int t = 0; t < batch; t++)
            for (int i = 0; i < M; i++)
                for (int j = 0; j < N; j++) {
                    double s = 0;
                    for (int k = 0; k < K; k++) s += data[t * M * K + i * K + k] * b.data[(bBatched ? t * K * N : 0) + k * N + j];
                    o.data[t * M * N + i * N + j] = s;
                }
        return o;
    }

    static DT conv(DT x, DT w, DT bias, int stride, int pad) {
        return conv(x, w, bias, stride, new int[] {pad, pad, pad, pad});
    }

    /** Convolution with padding {top, left, bottom, right}. */
    static DT conv(DT x, DT w, DT bias, int stride, int[] pads) {
        int N = x.shape[0], C = x.shape[1], H = x.shape[2], W = x.shape[3];
        int M = w.shape[0], kh = w.shape[2], kw = w.shape[3];
        int Ho = (H + pads[0] + pads[2] - kh) / stride + 1, Wo = (W + pads[1] + pads[3] - kw) / stride + 1;
        DT o = new DT(N, M, Ho, Wo);
        for (int n = 0; n < N; n++)
            for (int m = 0; m < M; m++)
                for (int i = 0; i < Ho; i++)
                    for (int j = 0; j < Wo; j++) {
                        double s = bias == null ? 0 : bias.data[m];
                        for (int c = 0; c < C; c++)
                            for (int a = 0; a < kh; a++)
                                for (int b = 0; b < kw; b++) {
                                    int y = i * stride - pads[0] + a, z = j * stride - pads[1] + b;
                                    if (y < 0 || y >= H || z < 0 || z >= W) continue;
                                    s += x.data[((n * C + c) * H + y) * W + z] * w.data[((m * C + c) * kh + a) * kw + b];
                                }
                        o.data[((n * M + m) * Ho + i) * Wo + j] = s;
                    }
        return o;
    }

    static DT maxPool(DT x, int k, int stride) {
        int N = x.shape[0], C = x.shape[1], H = x.shape[2], W = x.shape[3];
        int Ho = (H - k) / stride + 1, Wo = (W - k) / stride + 1;
        DT o = new DT(N, C, Ho, Wo);
        for (int nc = 0; nc < N * C; nc++)
            for (int i = 0; i < Ho; i++)
                for (int j = 0; j < Wo; j++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int a = 0; a < k; a++)
                        for (int b = 0; b < k; b++) m = Math.max(m, x.data[(nc * H + i * stride + a) * W + j * stride + b]);
                    o.data[(nc * Ho + i) * Wo + j] = m;
                }
        return o;
    }

    /** [N, C, H, W] mirrored by k pixels on every side about the border pixels (reflection padding). */
    DT reflectPad(int k) {
        int N = shape[0], C = shape[1], H = shape[2], W = shape[3];
        DT o = new DT(N, C, H + 2 * k, W + 2 * k);
        for (int nc = 0; nc < N * C; nc++)
            for (int i = 0; i < H + 2 * k; i++)
                for (int j = 0; j < W + 2 * k; j++) {
                    int y = mirror(i - k, H), z = mirror(j - k, W);
                    o.data[(nc * (H + 2 * k) + i) * (W + 2 * k) + j] = data[(nc * H + y) * W + z];
                }
        return o;
    }

    private static int mirror(int i, int n) {
        while (i < 0 || i >= n) i = i < 0 ? -i : 2 * (n - 1) - i;
        return i;
    }

    /** [N, C, H, W] without k pixels on every side. */
    DT crop(int k) {
        int N = shape[0], C = shape[1], H = shape[2], W = shape[3];
        DT o = new DT(N, C, H - 2 * k, W - 2 * k);
        for (int nc = 0; nc < N * C; nc++)
            for (int i = 0; i < H - 2 * k; i++)
                for (int j = 0; j < W - 2 * k; j++) o.data[(nc * (H - 2 * k) + i) * (W - 2 * k) + j] = data[(nc * H + i + k) * W + j + k];
        return o;
    }

    DT relu() {
        return map(v -> Math.max(0, v));
    }

    DT tanh() {
        return map(Math::tanh);
    }
}
