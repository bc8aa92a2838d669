package org.simgan.cli;

import org.simgan.bench.Benchmark;
import org.simgan.bench.IterationWorkload;
import org.simgan.bench.RefineWorkload;
import org.simgan.bench.Workload;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

/** {@code bench WORKLOAD}: prints one RESULT line comparable with ../shared/bench/pytorch_simgan.py. */
final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "time a workload (refine, iteration, refiner-step) and print a RESULT line";
    }

    @Override
    public String usage() {
        return """
                usage: java -jar simgan.jar bench WORKLOAD [--batch 32] [--seconds 10] [--threads 2] [--device cpu|cuda] [--opt extended|all]
                  refine     refiner forward pass (inference graph), images/s
                  iteration  one SimGAN iteration: refiner step, then discriminator step with the history buffer
                  refiner-step  the refiner's adversarial training step alone (Adam on R, gradients through D)
                prints: RESULT simgan WORKLOAD batch=N threads=T steps=S median_s=X img/s=Y""";
    }

    @Override
    public int run(Args args) {
        if (args.positional().size() != 1) throw new Args.UsageException("name one workload");
        String workload = args.positional().get(0);
        int batch = (int) args.atLeast("batch", 1, 32);
        int threads = (int) args.atLeast("threads", 0, 2);
        double seconds = args.number("seconds", 10);
        if (!(seconds >= 0) || Double.isInfinite(seconds)) throw new Args.UsageException("--seconds must be 0 or more, got " + seconds);
        Device device = Device.parse(args.string("device", "cpu"));
        String opt = args.string("opt", "default");
        args.checkAllUsed();
        Engine engine = new Engine(device, threads);
        System.err.println("bench " + workload + ": " + engine.describe());
        try (Workload w = switch (workload) {
            case "refine" -> new RefineWorkload(engine, batch, !opt.equals("extended"));
            case "iteration" -> new IterationWorkload(engine, batch, false);
            case "refiner-step" -> new IterationWorkload(engine, batch, true);
            default -> throw new Args.UsageException("unknown workload '" + workload + "'");
        }) {
            System.out.println(Benchmark.run(workload, w, batch, threads, seconds).line());
        }
        return 0;
    }
}
