package org.simgan.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.simgan.data.EyeDataset;
import org.simgan.data.SliceLabel;
import org.simgan.progress.Listener;
import org.simgan.sim.EyeSimulator;
import org.simgan.sim.RenderedEye;

class PupilCentreTest {

    @Test
    void findsTheSimulatorsPupilAndSeesAShift() {
        EyeSimulator sim = new EyeSimulator(21);
        double[] err = new double[60];
        for (int i = 0; i < err.length; i++) {
            RenderedEye e = sim.render(i);
            double[] c = PupilCentre.find(e.pixels(), e.width(), e.height());
            err[i] = Math.hypot(c[0] - e.pupilX(), c[1] - e.pupilY());
        }
        assertTrue(err[(int) (err.length * 0.9)] < 5.0, "90th percentile of the distance to the known pupil centre " + err[(int) (err.length * 0.9)]);
        Arrays.sort(err);
        // a rough finder (about 2.3 px median on these images, biased upwards): it must still find the pupil, not a lash
        assertTrue(err[err.length / 2] < 3.0, "median distance to the known pupil centre " + err[err.length / 2] + " px");

        EyeDataset ds = sim.renderDataset(20, Listener.NONE);
        assertEquals(0, PupilCentre.meanShift(ds, ds));
        // the same images moved 2 pixels to the right (left edge repeated): the pupil moves 2 pixels
        float[][] moved = new float[ds.size()][];
        for (int i = 0; i < ds.size(); i++) {
            float[] p = ds.pixels(i), q = new float[p.length];
            for (int y = 0; y < ds.height(); y++) {
                for (int x = 0; x < ds.width(); x++) q[y * ds.width() + x] = p[y * ds.width() + Math.max(0, x - 2)];
            }
            moved[i] = q;
        }
        EyeDataset shifted = new EyeDataset(ds.width(), ds.height(), 8, moved, ds.labels().toArray(new SliceLabel[0]));
        assertEquals(2, PupilCentre.meanShift(ds, shifted), 0.3);
    }
}
