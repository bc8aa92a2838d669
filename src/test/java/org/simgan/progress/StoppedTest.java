package org.simgan.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.simgan.sim.EyeSimulator;

/** Work the listener stops throws Stopped (the simulator used to return null instead). */
class StoppedTest {
    private static final Listener STOP = new Listener() {
        @Override
        public boolean cancelRequested() {
            return true;
        }
    };

    @Test
    void aStoppedRenderThrowsStoppedWithWhatStopped() {
        Stopped s = assertThrows(Stopped.class, () -> new EyeSimulator(1).renderDataset(50, STOP));
        assertEquals("rendering was stopped", s.getMessage());
        assertEquals(50, new EyeSimulator(1).renderDataset(50, Listener.NONE).size(), "without a stop: every image");
    }

    @Test
    void checkThrowsOnlyWhenAsked() {
        Stopped.check(Listener.NONE, "nothing");
        Stopped s = assertThrows(Stopped.class, () -> Stopped.check(STOP, "the two-sample test"));
        assertEquals("the two-sample test was stopped", s.getMessage());
    }
}
