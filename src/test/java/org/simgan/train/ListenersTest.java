package org.simgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.EyeDataset;

/** What a training sends its listener. */
class ListenersTest {
    private final EyeDataset synthetic = TinyRuns.images(20, false, 1), real = TinyRuns.images(20, true, 2);

    /** Counts the step and progress events between one step's report and the next. */
    private static final class Counting implements TrainingListener {
        final List<Integer> eventsPerStep = new ArrayList<>();
        final boolean overridesStep;

        Counting(boolean overridesStep) {
            this.overridesStep = overridesStep;
        }

        @Override
        public void step(StepReport report) {
            if (overridesStep) eventsPerStep.add(1);
            else TrainingListener.super.step(report);
        }

        @Override
        public void progress(long done, long total) {
            if (overridesStep) eventsPerStep.set(eventsPerStep.size() - 1, eventsPerStep.get(eventsPerStep.size() - 1) + 1);
            else eventsPerStep.add(1);
        }
    }

    @Test
    void eachStepIsReportedOnce() {
        TrainSettings s = TinyRuns.settings(1, 1, 2);
        for (boolean overridesStep : new boolean[] {true, false}) {
            Counting c = new Counting(overridesStep);
            try (Trainer t = new Trainer(s, ImagePool.of(synthetic), ImagePool.of(real), TinyRuns.ENGINE)) {
                while (!t.done()) t.step(c);
            }
            assertEquals(java.util.Collections.nCopies((int) s.totalSteps(), 1), c.eventsPerStep,
                    (overridesStep ? "step(report) alone" : "progress alone, through step's default") + ": one event per step");
        }
    }

    @Test
    void eachStepOfARunIsReportedOnce(@TempDir Path dir) throws IOException {
        TrainSettings s = TinyRuns.settings(1, 1, 2);
        Counting c = new Counting(true);
        assertEquals(TrainingRun.Outcome.COMPLETED, TrainingRun.start(s, synthetic, real, dir, TinyRuns.ENGINE, c));
        assertEquals(java.util.Collections.nCopies((int) s.totalSteps(), 1), c.eventsPerStep, "one event per step through the run's file writer");
    }
}
