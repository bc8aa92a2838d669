package org.simgan.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;
import org.simgan.io.AtomicFile;

/**
 * Predicted gazes of a stack, next to its labels where it has them: the stack with the predictions as its slice
 * labels, a CSV table, and the accuracy against the labels.
 */
public record GazePredictions(EyeDataset source, List<Gaze> predicted) {

    public GazePredictions {
        if (predicted.size() != source.size()) throw new IllegalArgumentException(predicted.size() + " predictions for " + source.size() + " images");
        predicted = List.copyOf(predicted);
    }

    /** A new dataset: the same images and names, each slice label's gaze set to the prediction. */
    public EyeDataset asDataset() {
        SliceLabel[] labels = new SliceLabel[source.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = source.label(i).withGaze(predicted.get(i));
        return source.withLabels(labels);
    }

    /** How many source images carry a gaze label. */
    public int labelledCount() {
        int n = 0;
        for (SliceLabel l : source.labels()) if (l.hasGaze()) n++;
        return n;
    }

    /** The accuracy over the labelled images, or null when none is labelled. */
    public GazeAccuracy accuracy() {
        List<Gaze> p = new ArrayList<>(), t = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            if (source.label(i).hasGaze()) {
                p.add(predicted.get(i));
                t.add(source.label(i).gaze());
            }
        }
        return t.isEmpty() ? null : GazeAccuracy.of(p, t);
    }

    /** The CSV columns, in order (the plugin's results table uses the same). */
    public static final List<String> COLUMNS = List.of("slice", "name", "pred_x", "pred_y", "pred_z", "pred_pitch_deg", "pred_yaw_deg",
            "label_x", "label_y", "label_z", "error_deg");

    /** Row {@code i} of the table as text cells; the label cells are empty where the image has no label. */
    public List<String> row(int i) {
        Gaze g = predicted.get(i);
        List<String> r = new ArrayList<>(List.of(Integer.toString(i + 1), source.label(i).name(), f(g.x()), f(g.y()), f(g.z()),
                f(Math.toDegrees(g.pitch())), f(Math.toDegrees(g.yaw()))));
        Gaze t = source.label(i).gaze();
        if (t == null) r.addAll(List.of("", "", "", ""));
        else r.addAll(List.of(f(t.x()), f(t.y()), f(t.z()), f(g.angleDegrees(t))));
        return r;
    }

    /** Writes the table as CSV, atomically. */
    public void writeCsv(Path file) throws IOException {
        AtomicFile.write(file, out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(String.join(",", COLUMNS) + "\n");
            for (int i = 0; i < source.size(); i++) {
                List<String> r = row(i);
                r.set(1, csvText(r.get(1)));
                w.write(String.join(",", r) + "\n");
            }
            w.flush();
        });
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
