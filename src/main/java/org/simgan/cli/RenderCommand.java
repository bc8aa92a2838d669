package org.simgan.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.io.OutputFiles;
import org.simgan.sim.Appearance;
import org.simgan.sim.AppearanceRanges;
import org.simgan.sim.EyeRenderer;
import org.simgan.sim.EyeSimulator;
import org.simgan.sim.GazeRange;
import org.simgan.sim.RenderedEye;
import org.simgan.sim.Style;

/** {@code render}: labelled eyes from the built-in simulator, written as a TIFF stack or an "eye-gaze" HDF5 file. */
public final class RenderCommand implements Command {

    /** Images rendered and written at a time (about 8 MB at 55x35). */
    private static final int PART = 4096;

    @Override
    public String name() {
        return "render";
    }

    @Override
    public String summary() {
        return "draw labelled synthetic eyes (or camera-style stand-ins) with the built-in simulator";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: java -jar simgan.jar render --count N [--seed S] [--style synthetic|camera] [--width 55 --height 35]",
                "                                  [--gaze pitch=-10:10,yaw=-15:15] [--appearance FILE] --out FILE.tif|FILE.h5 [--params FILE.csv] [--timing]",
                "",
                "  --count N     number of images (named 00000, 00001, ...)",
                "  --seed S      random seed (default 1); the same seed gives the same bytes",
                "  --style       synthetic: clean rendered eyes (default); camera: camera-style stand-in for real captures",
                "                (noise, defocus, uneven light, gamma, histogram equalisation) - NOT real data",
                "  --width, --height  image size in pixels (default 55 x 35)",
                "  --gaze        gaze range in degrees, uniform: pitch (up) and yaw (to the image's right)",
                "  --appearance  the ranges clean synthetic eyes draw their appearance from (iris, sclera, skin, lids, light,",
                "                blur...): a text file of name=value lines, those not given keep their defaults; the names, with",
                "                the defaults: java -jar simgan.jar render --appearance-defaults",
                "  --out         .tif/.tiff: 8-bit stack, slice labels 'NAME\\ngaze=x,y,z'; .h5/.hdf5: an (N, H, W) uint8 dataset",
                "                'image' plus 'look_vec' (written as rendered, in bounded memory)",
                "  --params      also write every image's full label (gaze, pupil centre, appearance) as CSV",
                "  --timing      print how long rendering and writing took (with --timing, --out may be left out)");
    }

    @Override
    public int run(Args args) throws Exception {
        if (args.flag("appearance-defaults")) {
            args.checkAllUsed();
            System.out.print(AppearanceRanges.defaults().format());
            return 0;
        }
        int count = args.integer("count", -1);
        if (count < 1) throw new Args.UsageException("--count must be at least 1");
        long seed = args.longValue("seed", 1);
        Style style;
        GazeRange gaze;
        try {
            style = Style.parse(args.string("style", "synthetic"));
            gaze = GazeRange.parse(args.string("gaze", GazeRange.DEFAULT.format()));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        int width = args.integer("width", EyeRenderer.DEFAULT_WIDTH);
        int height = args.integer("height", EyeRenderer.DEFAULT_HEIGHT);
        boolean timing = args.flag("timing");
        Path out = timing && !args.has("out") ? null : args.path("out");
        Path params = args.has("params") ? args.path("params") : null;
        AppearanceRanges ranges;
        try {
            ranges = AppearanceRanges.forStyle(style, args.has("appearance") ? args.path("appearance") : null);
        } catch (IllegalArgumentException | java.io.FileNotFoundException e) {
            throw new Args.UsageException(e.getMessage());
        }
        args.checkAllUsed();
        if (out != null) checkExtension(out);
        // before rendering: the outputs' folders can be written (they are created when missing), and they differ
        if (out != null && params != null) OutputFiles.requireNotAnInput(params, "--params", out);
        for (Path p : new Path[] {out, params}) {
            if (p == null) continue;
            if (Files.isDirectory(p)) throw new Args.UsageException(p + " is a folder: give a file name");
            Path parent = p.toAbsolutePath().getParent();
            if (parent != null) OutputFiles.requireWritableFolder(parent);
        }

        EyeSimulator sim;
        try {
            sim = new EyeSimulator(width, height, style, gaze, ranges, seed);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        long t0 = System.nanoTime();
        long[] renderNanos = {0};
        // rendered and written a part at a time, so memory does not grow with --count
        DatasetIo.Producer parts = sink -> {
            for (int from = 0; from < count; from += PART) {
                long r0 = System.nanoTime();
                EyeDataset part = sim.renderDataset(from, Math.min(PART, count - from), org.simgan.progress.Listener.NONE);
                renderNanos[0] += System.nanoTime() - r0;
                sink.append(part);
            }
        };
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            DatasetIo.write(out, count, parts);
        } else {
            parts.produce(part -> { });
        }
        long total = System.nanoTime() - t0;
        if (timing) {
            double sec = renderNanos[0] / 1e9;
            System.out.printf(Locale.ROOT, "rendered %d %dx%d %s images in %.2f s (%.0f images/s, up to %d threads)%n", count, width, height,
                    style.word(), sec, count / sec, Math.max(1, ForkJoinPool.getCommonPoolParallelism()) + 1);
            if (out != null) System.out.printf(Locale.ROOT, "wrote %s in %.2f s%n", out, (total - renderNanos[0]) / 1e9);
        } else if (out != null) {
            System.out.println("wrote " + count + " " + style.word() + " images to " + out);
        }
        if (params != null) {
            writeParams(sim, count, params);
            System.out.println("wrote labels and appearance of every image to " + params);
        }
        return 0;
    }

    private static void checkExtension(Path out) {
        String n = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".h5") || n.endsWith(".hdf5"))) {
            throw new Args.UsageException("--out must end in .tif, .tiff, .h5 or .hdf5, got " + out);
        }
    }

    /** One CSV row per image: name, look vector, pitch/yaw, pupil centre, visible share, lid clearance, then every appearance field. */
    private static void writeParams(EyeSimulator sim, int count, Path file) throws IOException {
        StringBuilder head = new StringBuilder("name,look_x,look_y,look_z,pitch_deg,yaw_deg,pupil_x,pupil_y,pupil_visible,pupil_lid_clearance");
        recordFields(Appearance.typical(), "", head, true);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        org.simgan.io.AtomicFile.write(file, raw -> {
            BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(raw, StandardCharsets.UTF_8));
            w.write(head.toString());
            w.newLine();
            for (int i = 0; i < count; i++) {
                RenderedEye e = sim.render(i);
                StringBuilder row = new StringBuilder(EyeSimulator.name(i));
                row.append(String.format(Locale.ROOT, ",%.6f,%.6f,%.6f,%.4f,%.4f,%.4f,%.4f,%.4f,%.3f", e.gaze().x(), e.gaze().y(), e.gaze().z(),
                        e.pitchDegrees(), e.yawDegrees(), e.pupilX(), e.pupilY(), e.pupilVisibleFraction(), e.pupilLidClearance()));
                recordFields(e.appearance(), "", row, false);
                w.write(row.toString());
                w.newLine();
            }
            w.flush();
        });
    }

    /** Appends a record's component names (header) or values, nested records flattened with a prefix. */
    private static void recordFields(Record r, String prefix, StringBuilder sb, boolean names) {
        for (var c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
            if (v instanceof Record nested) {
                recordFields(nested, prefix + c.getName() + "_", sb, names);
            } else if (names) {
                sb.append(',').append(prefix).append(c.getName());
            } else {
                sb.append(',').append(v instanceof Double d ? String.format(Locale.ROOT, "%.5f", d) : String.valueOf(v));
            }
        }
    }
}
