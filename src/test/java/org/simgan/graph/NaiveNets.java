package org.simgan.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import org.simgan.nn.Padding;
import org.simgan.nn.ParamSet;
import org.simgan.nn.Refiner;

/** The three SimGAN networks written out again with the naive double-precision ops of {@link DT}. */
final class NaiveNets {
    private NaiveNets() {
    }

    /** Parameters in double precision, by name. */
    static Map<String, DT> params(ParamSet ps) {
        Map<String, DT> m = new LinkedHashMap<>();
        ps.all().forEach((name, t) -> {
            double[] d = new double[t.data().length];
            for (int i = 0; i < d.length; i++) d[i] = t.data()[i];
            int[] s = new int[t.shape().length];
            for (int i = 0; i < s.length; i++) s[i] = (int) t.shape()[i];
            m.put(name, new DT(s, d));
        });
        return m;
    }

    static DT p(Map<String, DT> ps, String name) {
        return ps.get(name);
    }

    static DT conv(Map<String, DT> ps, String name, DT x, int stride, int pad) {
        return DT.conv(x, p(ps, name + ".w"), p(ps, name + ".b"), stride, pad);
    }

    static DT refiner(Refiner r, Map<String, DT> ps, DT x) {
        if (r.equalize()) throw new IllegalArgumentException("the naive refiner has no equalisation (it has no gradient)");
        boolean reflect = r.padding() == Padding.REFLECT;
        int pad = reflect ? 0 : 1;
        DT h = conv(ps, "R.head", reflect ? x.reflectPad(r.reach()) : x, 1, pad).relu();
        for (int i = 0; i < r.blocks(); i++) {
            DT a = conv(ps, "R.block" + i + ".a", h, 1, pad).relu();
            h = conv(ps, "R.block" + i + ".b", a, 1, pad).add(reflect ? h.crop(2) : h).relu();
        }
        return conv(ps, "R.tail", h, 1, 0).tanh();
    }

    static DT discriminator(Map<String, DT> ps, DT x) {
        return discriminator(ps, x, Padding.ZERO);
    }

    static DT discriminator(Map<String, DT> ps, DT x, Padding padding) {
        int pad = padding == Padding.ZERO ? 1 : 0;
        DT h = conv(ps, "D.c1", x, 2, pad).relu();
        h = conv(ps, "D.c2", h, 2, pad).relu();
        h = DT.maxPool(h, 3, 1);
        h = conv(ps, "D.c3", h, 1, pad).relu();
        h = conv(ps, "D.c4", h, 1, 0).relu();
        return conv(ps, "D.logits", h, 1, 0);
    }

    static DT gaze(Map<String, DT> ps, DT x) {
        DT h = conv(ps, "G.c1", x, 1, 0).relu();
        h = conv(ps, "G.c2", h, 1, 0).relu();
        h = conv(ps, "G.c3", h, 1, 0).relu();
        h = DT.maxPool(h, 3, 2);
        h = conv(ps, "G.c4", h, 1, 0).relu();
        h = conv(ps, "G.c5", h, 1, 0).relu();
        h = DT.maxPool(h, 2, 2);
        h = h.reshape(h.shape[0], h.data.length / h.shape[0]);
        h = h.matmul(p(ps, "G.fc1.w")).add(p(ps, "G.fc1.b")).relu();
        return h.matmul(p(ps, "G.out.w")).add(p(ps, "G.out.b"));
    }

    /** Mean patch cross-entropy of logits [N,2,h,w] for class {@code label}. */
    static double patchCrossEntropy(DT logits, int label) {
        DT ls = logits.softmax(1, true);
        int N = ls.shape[0], C = ls.shape[1], P = ls.shape[2] * ls.shape[3];
        double s = 0;
        for (int n = 0; n < N; n++)
            for (int q = 0; q < P; q++) s -= ls.data[(n * C + label) * P + q];
        return s / (N * P);
    }

    /** Mean over patches of (score - t)^2 / 2, score = logit(refined) - logit(real), t = +1 refined, -1 real. */
    static double patchLeastSquares(DT logits, int label) {
        int N = logits.shape[0], P = logits.shape[2] * logits.shape[3];
        double t = label == 1 ? 1 : -1, s = 0;
        for (int n = 0; n < N; n++)
            for (int q = 0; q < P; q++) {
                double score = logits.data[(n * 2 + 1) * P + q] - logits.data[(n * 2) * P + q];
                s += 0.5 * (score - t) * (score - t);
            }
        return s / (N * P);
    }

    static double l1(DT a, DT b) {
        return DT.zip(a, b, (u, v) -> Math.abs(u - v)).sum() / a.shape[0];
    }
}
