package org.simgan.sim;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * A tool (not a test, not shipped): draws {@code docs/simulator-vs-unityeyes.png}, a grid of simulator renders beside
 * UnityEyes crops and real MPIIGaze crops read from {@code ../shared/data}, and the camera-style stand-in beside them.
 * The renders are images 0.. of seed 1 (synthetic) and seed 2 (camera-style), as in {@code sample-images/}.
 * Run after {@code mvn test-compile}:
 * <pre>
 * java -cp "target/classes:target/test-classes:$(cat target/cp.txt)" org.simgan.sim.SimulatorMontage docs/simulator-vs-unityeyes.png ../shared/data
 * </pre>
 * where cp.txt comes from {@code mvn dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.
 */
public final class SimulatorMontage {
    private static final int W = 55, H = 35, GAP = 2, TITLE = 22;
    private static final int ZOOM = Integer.getInteger("zoom", 2), COLS = Integer.getInteger("cols", 5), ROWS = Integer.getInteger("rows", 5);

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/simulator-vs-unityeyes.png");
        Path shared = Path.of(args.length > 1 ? args[1] : "../shared/data");
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        List<String> titles = new ArrayList<>();
        List<List<int[]>> panels = new ArrayList<>();
        titles.add("this simulator (synthetic)");
        panels.add(renders(new EyeSimulator(W, H, Style.SYNTHETIC, GazeRange.UNITYEYES_LIKE, seed)));
        titles.add("UnityEyes crops");
        panels.add(readGroup(shared.resolve("unityeyes_samples_100.h5"), 1));
        titles.add("camera-style stand-in (not real)");
        panels.add(renders(new EyeSimulator(W, H, Style.CAMERA_STANDIN, GazeRange.UNITYEYES_LIKE, seed + 1)));
        titles.add("real MPIIGaze crops");
        panels.add(readGroup(shared.resolve("real_gaze_mpiigaze_2244.h5"), 22));

        String only = System.getProperty("panels");
        if (only != null) {
            List<String> t2 = new ArrayList<>();
            List<List<int[]>> p2 = new ArrayList<>();
            for (String k : only.split(",")) {
                t2.add(titles.get(Integer.parseInt(k)));
                p2.add(panels.get(Integer.parseInt(k)));
            }
            titles = t2;
            panels = p2;
        }
        int pw = COLS * (W * ZOOM + GAP), ph = ROWS * (H * ZOOM + GAP) + TITLE;
        int sep = 12, perRow = Integer.getInteger("perRow", 2);
        int prow = (panels.size() + perRow - 1) / perRow;
        BufferedImage img = new BufferedImage(Math.min(perRow, panels.size()) * (pw + sep) - sep, prow * (ph + sep) - sep,
                BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        for (int p = 0; p < panels.size(); p++) {
            int ox = (p % perRow) * (pw + sep), oy = (p / perRow) * (ph + sep);
            g.setColor(Color.BLACK);
            g.drawString(titles.get(p), ox + 4, oy + 16);
            List<int[]> ims = panels.get(p);
            for (int k = 0; k < Math.min(ims.size(), COLS * ROWS); k++) {
                int bx = ox + (k % COLS) * (W * ZOOM + GAP), by = oy + TITLE + (k / COLS) * (H * ZOOM + GAP);
                int[] px = ims.get(k);
                for (int y = 0; y < H * ZOOM; y++) {
                    for (int x = 0; x < W * ZOOM; x++) {
                        img.getRaster().setSample(bx + x, by + y, 0, px[(y / ZOOM) * W + x / ZOOM]);
                    }
                }
            }
        }
        g.dispose();
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        ImageIO.write(img, "png", out.toFile());
        for (int p = 0; p < panels.size(); p++) {
            double[] ms = meanSd(panels.get(p));
            System.out.printf("%-36s mean %6.1f  sd %5.1f  (n=%d)%n", titles.get(p), ms[0], ms[1], panels.get(p).size());
        }
        System.out.println("wrote " + out);
        Path sweep = out.resolveSibling("simulator-gaze-sweep.png");
        writeSweep(sweep);
        System.out.println("wrote " + sweep);
    }

    /** Pitch +25..-25 (rows) by yaw -35..+35 (columns) with the typical appearance, the labelled pupil centre marked. */
    private static void writeSweep(Path file) throws IOException {
        int[] pitches = {25, 12, 0, -12, -25};
        int[] yaws = {-35, -17, 0, 17, 35};
        int z = 3;
        EyeRenderer r = new EyeRenderer();
        BufferedImage img = new BufferedImage(yaws.length * (W * z + GAP), pitches.length * (H * z + GAP), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int i = 0; i < pitches.length; i++) {
            for (int j = 0; j < yaws.length; j++) {
                RenderedEye e = r.render(GeometryMath.gaze(pitches[i], yaws[j]), Appearance.typical());
                int bx = j * (W * z + GAP), by = i * (H * z + GAP);
                for (int y = 0; y < H * z; y++) {
                    for (int x = 0; x < W * z; x++) {
                        int v = (int) e.pixels()[(y / z) * W + x / z];
                        img.setRGB(bx + x, by + y, v * 0x010101);
                    }
                }
                // pixel (0,0)'s centre is at (z/2, z/2) in the zoomed tile
                int px = bx + (int) Math.round((e.pupilX() + 0.5) * z), py = by + (int) Math.round((e.pupilY() + 0.5) * z);
                g.setColor(Color.RED);
                g.drawLine(px - 3, py, px + 3, py);
                g.drawLine(px, py - 3, px, py + 3);
            }
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static List<int[]> renders(EyeSimulator sim) {
        List<int[]> list = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            float[] f = sim.render(i).pixels();
            int[] px = new int[f.length];
            for (int j = 0; j < f.length; j++) px[j] = (int) f[j];
            list.add(px);
        }
        return list;
    }

    /** Every {@code step}-th image of group {@code image} (datasets of H x W whole numbers), at most 100. */
    private static List<int[]> readGroup(Path file, int step) {
        List<int[]> list = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            System.out.println("missing " + file + ": panel left empty");
            return list;
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Group group = (Group) hdf.getByPath("image");
            TreeMap<String, Node> sorted = new TreeMap<>(group.getChildren());
            List<Node> nodes = new ArrayList<>(sorted.values());
            for (int k = 0; k < nodes.size() && list.size() < 100; k += step) {
                Object data = ((Dataset) nodes.get(k)).getData();
                int[] px = new int[W * H];
                for (int y = 0; y < H; y++) {
                    Object row = Array.get(data, y);
                    for (int x = 0; x < W; x++) px[y * W + x] = ((Number) Array.get(row, x)).intValue() & 0xFF;
                }
                list.add(px);
            }
        }
        return list;
    }

    private static double[] meanSd(List<int[]> ims) {
        double s = 0, s2 = 0;
        long n = 0;
        for (int[] im : ims) {
            for (int v : im) {
                s += v;
                s2 += (double) v * v;
                n++;
            }
        }
        if (n == 0) return new double[] {0, 0};
        double m = s / n;
        return new double[] {m, Math.sqrt(Math.max(0, s2 / n - m * m))};
    }
}
