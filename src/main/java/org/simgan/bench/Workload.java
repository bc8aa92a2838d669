package org.simgan.bench;

/** One benchmarked piece of work: {@link #step()} does one unit (a batch) and is timed. */
public interface Workload extends AutoCloseable {
    void step();

    /** Images one step processes (the figure's numerator). */
    int imagesPerStep();

    @Override
    void close();
}
