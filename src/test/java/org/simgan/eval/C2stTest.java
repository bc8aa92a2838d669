package org.simgan.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.simgan.data.EyeDataset;
import org.simgan.progress.Listener;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

class C2stTest {
    static final Engine ENGINE = new Engine(Device.CPU, 1);
    static final C2st.Settings TINY = new C2st.Settings(2, 7, 120, 16, 3e-3, 0.3, 200, 200);

    @Test
    void rocFiguresOnKnownScores() {
        float[] neg = {-2, -1, 0.5f}, pos = {1, 2, 0.5f};
        // positive > negative in 8 of 9 pairs, one tie
        assertEquals(8.5 / 9, Roc.auc(neg, pos), 1e-12);
        assertEquals(5.0 / 6, Roc.accuracy(neg, pos), 1e-12); // 0.5 > 0 is called positive: wrong for the negative, right for the positive
        double[][] c = Roc.curve(neg, pos);
        assertEquals(0, c[0][0]);
        assertEquals(1, c[0][c[0].length - 1]);
        assertEquals(1, c[1][c[1].length - 1]);
        assertEquals(0.5, Roc.auc(new float[] {1, 1}, new float[] {1, 1}), 1e-12);
    }

    @Test
    void twoHalvesOfOneSetAreIndistinguishable() {
        EyeDataset all = TestSets.discs(240, 12, 16, 1, 0);
        C2st.Result r = C2st.run("half", all.slice(0, 120), all.slice(120, 240), TINY, ENGINE, Listener.NONE);
        assertTrue(r.accuracy() > 0.3 && r.accuracy() < 0.7, r.describe());
        assertTrue(r.auc() > 0.3 && r.auc() < 0.7, r.describe());
        assertTrue(r.accuracyLow() <= 0.5 + 0.05 && r.accuracyHigh() >= 0.5 - 0.05, r.describe());
        assertEquals(36, r.testPerSet());
    }

    @Test
    void anObviousShiftIsFullySeparableAndTheFiguresRepeat() {
        EyeDataset real = TestSets.discs(120, 12, 16, 2, 0), shifted = TestSets.discs(120, 12, 16, 3, 35);
        C2st.Result r = C2st.run("shifted", shifted, real, TINY, ENGINE, Listener.NONE);
        assertTrue(r.accuracy() > 0.95, r.describe());
        assertTrue(r.auc() > 0.98, r.describe());
        C2st.Result again = C2st.run("shifted", shifted, real, TINY, ENGINE, Listener.NONE);
        assertEquals(r.accuracy(), again.accuracy());
        assertEquals(r.auc(), again.auc());
        assertEquals(r.aucLow(), again.aucLow());
        for (int k = 0; k < r.runs().size(); k++) {
            assertArrayEquals(r.runs().get(k).realScores(), again.runs().get(k).realScores());
            assertArrayEquals(r.runs().get(k).candidateScores(), again.runs().get(k).candidateScores());
        }
    }
}
