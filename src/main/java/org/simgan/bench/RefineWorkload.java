package org.simgan.bench;

import java.util.Map;
import java.util.SplittableRandom;
import org.simgan.nn.ModelExport;
import org.simgan.nn.ParamSet;
import org.simgan.nn.Refiner;
import org.simgan.runtime.Engine;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;

/** The refiner's forward pass through its exported inference graph, on random batches. */
public final class RefineWorkload implements Workload {
    private final TensorStore store = new TensorStore();
    private final GraphSession session;
    private final float[][] batches = new float[8][];
    private final int batch;
    private int next;

    public RefineWorkload(Engine engine, int batch, boolean fullOptimization) {
        this.batch = batch;
        Refiner r = Refiner.paper(35, 55);
        ParamSet params = r.initialize(0);
        session = new GraphSession("refine", engine, ModelExport.model(r, params, Map.of()), store, fullOptimization);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < batches.length; i++) {
            batches[i] = new float[batch * 35 * 55];
            for (int j = 0; j < batches[i].length; j++) batches[i][j] = (float) (rnd.nextDouble() * 2 - 1);
        }
    }

    @Override
    public void step() {
        session.run(Map.of(ModelExport.INPUT, batches[next++ % batches.length]));
    }

    @Override
    public int imagesPerStep() {
        return batch;
    }

    @Override
    public void close() {
        session.close();
        store.close();
    }
}
