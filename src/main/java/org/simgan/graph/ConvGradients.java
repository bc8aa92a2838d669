package org.simgan.graph;

/**
 * The gradients of a convolution with respect to its input and its weights, built from the ops ONNX Runtime runs
 * fastest: stride-1 convolutions, shifted copies made by one-hot convolutions, and per-sample matrix products,
 * each choice measured against the plainer form (ConvTranspose, im2col, ReduceSum over the batch). The numbers are
 * those of the textbook rules; {@link Gradients} holds the Conv rules, which delegate here.
 */
final class ConvGradients {

    private ConvGradients() {
    }

    /**
     * Conv input gradient. Stride 1 with "same or less" padding: a convolution of dy with the kernel transposed
     * over channels and flipped in space. Larger strides: {@link #stridedInput}.
     */
    static Value input(Node n, Value dy) {
        Value w = n.input(1);
        long[] strides = n.attrLongs("strides"), pads = n.attrLongs("pads"), k = n.attrLongs("kernel_shape");
        int stride = (int) strides[0], pad = (int) pads[0];
        if (stride == 1 && k[0] == k[1] && pad <= k[0] - 1 && pads[1] == pad && pads[2] == pad && pads[3] == pad) {
            Value flipped = g(n).flip(w.transpose(1, 0, 2, 3), 2, 3);
            return g(n).conv(dy, flipped, null, 1, (int) (k[0] - 1 - pad));
        }
        return stridedInput(n, dy);
    }

    /**
     * The input gradient of a strided convolution, phase by phase: input rows (and columns) {@code s*m + r} for one
     * remainder r only meet the kernel taps {@code a = (r + pad) mod s, +s, +2s, ...}, so each of the s*s phases is
     * an ordinary stride-1 convolution of dy with those taps, and the phases interleave into the input's shape. The
     * same arithmetic as a transposed convolution, which ONNX Runtime measured two to three times slower.
     */
    private static Value stridedInput(Node n, Value dy) {
        Graph g = g(n);
        Value x = n.input(0), wt = n.input(1).transpose(1, 0, 2, 3);
        long[] pads = n.attrLongs("pads"), k = n.attrLongs("kernel_shape");
        int s = (int) n.attrLongs("strides")[0];
        long N = x.shape[0], C = x.shape[1], H = x.shape[2], W = x.shape[3];
        long my = (H + s - 1) / s, mx = (W + s - 1) / s;
        Value[] rows = new Value[s];
        for (int ry = 0; ry < s; ry++) {
            Value[] cols = new Value[s];
            for (int rx = 0; rx < s; rx++) {
                Phase py = new Phase(ry, k[0], s, pads[0], H, dy.shape[2]), px = new Phase(rx, k[1], s, pads[1], W, dy.shape[3]);
                Value part;
                if (py.empty() || px.empty()) {
                    part = g.zeros(N, C, my, mx); // no tap reaches this phase (its rows past the input are cut off below)
                } else {
                    Value taps = g.slice(wt, new long[] {2, 3}, new long[] {py.lastTap(), px.lastTap()},
                            new long[] {py.beforeFirstTap(), px.beforeFirstTap()}, new long[] {-s, -s});
                    Value src = dy;
                    if (py.sliceFrom > 0 || py.sliceTo < dy.shape[2] || px.sliceFrom > 0 || px.sliceTo < dy.shape[3]) {
                        src = g.slice(dy, new long[] {2, 3}, new long[] {py.sliceFrom, px.sliceFrom}, new long[] {py.sliceTo, px.sliceTo}, new long[] {1, 1});
                    }
                    part = g.conv(src, taps, null, 1, new long[] {py.padBegin, px.padBegin, py.padEnd, px.padEnd});
                    if (py.count < my || px.count < mx) part = g.pad(part, new long[4], new long[] {0, 0, my - py.count, mx - px.count});
                }
                cols[rx] = part.reshape(N, C, my, mx, 1);
            }
            rows[ry] = (s == 1 ? cols[0] : g.concat(4, cols)).reshape(N, C, my, 1, mx * s);
        }
        Value full = (s == 1 ? rows[0] : g.concat(3, rows)).reshape(N, C, my * s, mx * s);
        return my * s == H && mx * s == W ? full : g.slice(full, new long[] {2, 3}, new long[] {0, 0}, new long[] {H, W}, new long[] {1, 1});
    }

    /**
     * One remainder r of input positions {@code s*m + r} along one axis of a strided convolution: which kernel taps
     * reach them, and which stretch of dy (with zero padding) a stride-1 convolution over those taps reads.
     */
    private static final class Phase {
        final long firstTap, taps, count, sliceFrom, sliceTo, padBegin, padEnd;
        private final long s;

        Phase(long r, long k, long s, long pad, long in, long outLen) {
            this.s = s;
            firstTap = (r + pad) % s;
            taps = firstTap >= k ? 0 : (k - firstTap + s - 1) / s;
            count = r < in ? (in - r + s - 1) / s : 0;
            long offset = (r + pad - firstTap) / s - (taps - 1); // input m reads dy[m + offset + t], t < taps
            long needed = count + offset + taps - 1;
            sliceFrom = Math.max(0, offset);
            sliceTo = Math.min(outLen, needed);
            padBegin = Math.max(0, -offset);
            padEnd = Math.max(0, needed - outLen);
        }

        boolean empty() {
            return taps == 0 || count == 0 || sliceTo <= sliceFrom;
        }

        long lastTap() {
            return firstTap + s * (taps - 1);
        }

        long beforeFirstTap() {
            return firstTap - 1 < 0 ? Long.MIN_VALUE : firstTap - 1;
        }
    }

    /**
     * Conv weight gradient: the input's values under each kernel tap, multiplied with dy per sample and summed over
     * the batch, as [M, C, kh, kw]. A 1x1 kernel needs no copies; at stride 1 {@link #shiftedWeight} when it
     * copies less; else im2col, the input's kh*kw shifted copies.
     */
    static Value weight(Node n, Value dy) {
        Value x = n.input(0), w = n.input(1);
        long[] strides = n.attrLongs("strides"), pads = n.attrLongs("pads");
        int stride = (int) strides[0];
        long N = x.shape[0], C = x.shape[1], H = x.shape[2], W = x.shape[3];
        long M = w.shape[0], kh = w.shape[2], kw = w.shape[3], kk = kh * kw;
        long P = dy.shape[2] * dy.shape[3], L = (H + pads[0] + pads[2]) * dy.shape[3];
        boolean noPad = pads[0] == 0 && pads[1] == 0 && pads[2] == 0 && pads[3] == 0;
        Value cols;
        if (kk == 1 && stride == 1 && noPad) {
            cols = x.reshape(N, C, H * W);
        } else if (stride == 1 && kw * C * L + (kh > 1 ? kh * M * L : 0) < kk * C * P) {
            return shiftedWeight(n, dy);
        } else {
            long[] taps = new long[(int) kk];
            for (int t = 0; t < kk; t++) taps[t] = t;
            cols = oneHotTaps(x, kh, kw, taps, stride, pads).reshape(N, C * kk, P);
        }
        // cols x dy^T per sample ([C*kk, P] x [P, M]) measured 7-13% faster in ONNX Runtime than dy x cols^T
        Value perSample = cols.matmul(dy.reshape(N, M, P).transpose(0, 2, 1));
        return batchSum(perSample).transpose(1, 0).reshape(M, C, kh, kw);
    }

    /**
     * The stride-1 weight gradient from kh + kw shifted copies instead of im2col's kh * kw. With x zero-padded to Hp
     * rows, {@code dW[m,c,i,j] = sum over n, rows r < Hp, columns q of dy[n,m,r-i,q] * xp[n,c,r,q+j]}: dy shifted
     * down by each row tap i (kh copies of Hp rows) times x shifted left by each column tap j (kw copies), one
     * product of [kh*M, L] and [L, kw*C] per sample over the L = Hp * Wout positions. For the refiner's 64-channel
     * 3x3 layers that copies 6.3 times the input instead of 9, and a layer's weight gradient took 22 ms, not 26.
     */
    private static Value shiftedWeight(Node n, Value dy) {
        Value x = n.input(0);
        long[] pads = n.attrLongs("pads");
        long N = x.shape[0], C = x.shape[1], M = dy.shape[1], kh = n.input(1).shape[2], kw = n.input(1).shape[3];
        long L = (x.shape[2] + pads[0] + pads[2]) * dy.shape[3];
        long[] left = new long[(int) kw], down = new long[(int) kh];
        for (int t = 0; t < kw; t++) left[t] = t;
        for (int t = 0; t < kh; t++) down[t] = kh - 1 - t;
        Value columns = oneHotTaps(x, 1, kw, left, 1, pads).reshape(N, C * kw, L); // rows [c, j]
        Value rows = kh == 1 ? dy : oneHotTaps(dy, kh, 1, down, 1, new long[] {kh - 1, 0, kh - 1, 0});
        Value perSample = rows.reshape(N, M * kh, L).matmul(columns.transpose(0, 2, 1)); // [m, i] x [c, j]
        return batchSum(perSample).reshape(M, kh, C, kw).transpose(0, 2, 1, 3);
    }

    /**
     * Shifted copies of every channel of x, as one Conv over x seen as N*C single-channel images with a constant
     * [taps, 1, kh, kw] kernel whose filter t is 1 at flat kernel position {@code taps[t]}: [N*C, taps, Hout, Wout].
     */
    private static Value oneHotTaps(Value x, long kh, long kw, long[] taps, int stride, long[] pads) {
        float[] onehot = new float[(int) (taps.length * kh * kw)];
        for (int t = 0; t < taps.length; t++) onehot[(int) (t * kh * kw + taps[t])] = 1f;
        Value kernel = g(x).constant("taps_" + kh + "x" + kw, onehot, taps.length, 1, kh, kw);
        return g(x).conv(x.reshape(x.shape[0] * x.shape[1], 1, x.shape[2], x.shape[3]), kernel, null, stride, pads);
    }

    /**
     * The sum over the first axis, as a row of ones times the tensor seen as [N, rest]: ONNX Runtime's ReduceSum
     * over a leading axis measured ten times slower (1.5 ms against 0.15 ms for a [32, 576, 64] weight gradient).
     */
    private static Value batchSum(Value x) {
        long n = x.shape[0];
        if (n < 1 || x.size() < 0) return x.sum(false, 0);
        long[] rest = java.util.Arrays.copyOfRange(x.shape, 1, x.rank());
        float[] ones = new float[(int) n];
        java.util.Arrays.fill(ones, 1f);
        Value row = g(x).constant("ones_" + n, ones, 1, n);
        return row.matmul(x.reshape(n, x.size() / n)).reshape(rest);
    }

    private static Graph g(Node n) {
        return n.out().graph;
    }

    private static Graph g(Value v) {
        return v.graph;
    }
}
