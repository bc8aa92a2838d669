package org.simgan.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Times a workload the way {@code ../shared/bench/pytorch_simgan.py} does: two warm-up steps, then steps until
 * {@code seconds} have passed (at least three), and reports the median step time.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public record Result(String workload, int batch, int threads, int steps, double medianSeconds, double imagesPerSecond) {
        public String line() {
            return String.format(Locale.ROOT, "RESULT simgan %s batch=%d threads=%d steps=%d median_s=%.4f img/s=%.2f",
                    workload, batch, threads, steps, medianSeconds, imagesPerSecond);
        }
    }

    public static Result run(String name, Workload w, int batch, int threads, double seconds) {
        long start = System.nanoTime();
        for (int i = 0; i < 2; i++) w.step();
        List<Double> times = new ArrayList<>();
        while (true) {
            long t0 = System.nanoTime();
            w.step();
            times.add((System.nanoTime() - t0) / 1e9);
            if (times.size() >= 3 && (System.nanoTime() - start) / 1e9 > seconds) break;
        }
        Collections.sort(times);
        double median = times.get(times.size() / 2);
        return new Result(name, batch, threads, times.size(), median, w.imagesPerStep() / median);
    }
}
