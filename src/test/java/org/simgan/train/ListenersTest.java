package org.simgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Every event as a line of text. */
    static final class Recording implements TrainingListener {
        final List<String> events = new ArrayList<>();
        boolean cancel;

        @Override
        public void log(String line) {
            events.add("log " + line);
        }

        @Override
        public void progress(long done, long total) {
            events.add("progress " + done + "/" + total);
        }

        @Override
        public boolean cancelRequested() {
            events.add("cancelRequested");
            return cancel;
        }

        @Override
        public void step(StepReport report) {
            events.add("step " + report.step());
        }

        @Override
        public void preview(long step, int count, int height, int width, float[] synthetic, float[] refined) {
            events.add("preview " + step + " " + count + " " + height + "x" + width + " " + synthetic.length + " " + refined.length);
        }

        @Override
        public void checkpoint(long step, Path file) {
            events.add("checkpoint " + step + " " + file);
        }
    }

    static StepReport report(long step, long total) {
        return new StepReport(step, total, Trainer.Phase.REFINER, 1, 0.5, 0.5, Double.NaN, Double.NaN, Double.NaN, 10, 3);
    }

    @Test
    void forwardingPassesEveryEventOnOnce() {
        Recording to = new Recording();
        ForwardingListener f = new ForwardingListener(to);
        f.log("a line");
        f.progress(3, 9);
        to.cancel = true;
        assertEquals(true, f.cancelRequested());
        f.step(report(4, 9));
        f.preview(4, 2, 3, 5, new float[30], new float[30]);
        f.checkpoint(4, Path.of("run", "checkpoint.simgan"));
        assertEquals(List.of("log a line", "progress 3/9", "cancelRequested", "step 4", "preview 4 2 3x5 30 30",
                "checkpoint 4 " + Path.of("run", "checkpoint.simgan")), to.events);
    }

    /** A sink that keeps what it is given. */
    static final class Kept implements PrintingListener.Sink {
        final List<String> lines = new ArrayList<>(), status = new ArrayList<>(), progress = new ArrayList<>();

        @Override
        public void line(String line) {
            lines.add(line);
        }

        @Override
        public void status(String line) {
            status.add(line);
        }

        @Override
        public void progress(long done, long total) {
            progress.add(done + "/" + total);
        }
    }

    @Test
    void printingShowsEachStepOnceAndLogsTheFirstAndLast(@TempDir Path dir) throws IOException {
        TrainSettings s = TinyRuns.settings(1, 1, 2);
        int n = (int) s.totalSteps();
        Kept sink = new Kept();
        assertEquals(TrainingRun.Outcome.COMPLETED, TrainingRun.start(s, synthetic, real, dir, TinyRuns.ENGINE, new PrintingListener(sink, 3600)));
        List<String> progress = new ArrayList<>();
        for (int i = 1; i <= n; i++) progress.add(i + "/" + n);
        assertEquals(progress, sink.progress, "the progress bar moves once per step");
        assertEquals(n, sink.status.size(), "one status line per step");
        for (int i = 0; i < n; i++) assertTrue(sink.status.get(i).startsWith("step " + (i + 1) + "/" + n + " "), sink.status.get(i));
        List<String> steps = sink.lines.stream().filter(l -> l.startsWith("step ")).toList();
        assertEquals(List.of(sink.status.get(0), sink.status.get(n - 1)), steps, "within the interval only the first and the last step get a line");
        assertTrue(sink.lines.get(0).startsWith("training on "), sink.lines.toString());
        assertEquals(List.of("checkpoint at step " + n + ": " + dir.resolve(Checkpoint.FILE_NAME), "finished: refiner saved to "
                + dir.resolve(TrainingRun.REFINER_FILE)), sink.lines.subList(sink.lines.size() - 2, sink.lines.size()));

        Kept every = new Kept();
        PrintingListener l = new PrintingListener(every, 0);
        for (int i = 1; i <= 4; i++) l.step(report(i, 9));
        assertEquals(every.status, every.lines, "interval 0: every step gets a line");
    }

    @Test
    void printingHoldsTheStopRequest() {
        PrintingListener l = new PrintingListener(line -> { });
        assertFalse(l.cancelRequested());
        l.requestStop();
        assertTrue(l.cancelRequested());
    }
}
