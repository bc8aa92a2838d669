package org.simgan.data.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;

/**
 * A folder of UnityEyes renders: {@code N.jpg} with {@code N.json} beside it, images ordered by N. From the JSON,
 * {@code eye_details.look_vec} ("(x, y, z, 0)", camera coordinates) becomes the gaze, and
 * {@code interior_margin_2d} (a list of "(x, y, z)" points outlining the eye opening, in image pixels measured
 * from the <em>bottom-left</em> corner, so y is flipped with the image height here) places the crop: a box
 * centred on the outline's bounding box, with the 55:35 (width:height) aspect, as wide as the outline (or as its
 * height demands) plus a margin of {@code marginFraction} of that width on each side. The box is resampled by area
 * averaging to 55x35 and converted to 8-bit grayscale (luma 0.299 R + 0.587 G + 0.114 B). Images are named by
 * their file name.
 */
public final class UnityEyesFolderReader implements ImageSource {

    /** Default margin on each side of the eye outline, as a fraction of the box width before the margin. */
    public static final double DEFAULT_MARGIN = 0.2;

    private final Path folder;
    private final List<Path> images;
    private final double marginFraction;

    private UnityEyesFolderReader(Path folder, List<Path> images, double marginFraction) {
        this.folder = folder;
        this.images = images;
        this.marginFraction = marginFraction;
    }

    public static UnityEyesFolderReader open(Path folder) throws IOException {
        return open(folder, DEFAULT_MARGIN);
    }

    public static UnityEyesFolderReader open(Path folder, double marginFraction) throws IOException {
        if (!(marginFraction >= 0)) throw new IllegalArgumentException("the crop margin must be 0 or more, got " + marginFraction);
        InputFiles.requireReadableFolder(folder, "UnityEyes folder");
        List<Path> images = renders(folder);
        if (images.isEmpty()) {
            throw new DataInputException("folder " + folder + " holds no UnityEyes renders (N.jpg with N.json); give the folder "
                    + "UnityEyes wrote its images to");
        }
        for (Path jpg : images) {
            if (!Files.isRegularFile(jsonOf(jpg))) {
                throw new DataInputException("UnityEyes render " + jpg + " has no " + jsonOf(jpg).getFileName() + " beside it, so its "
                        + "gaze and eye outline are unknown; copy the JSON files too, or remove that image");
            }
        }
        return new UnityEyesFolderReader(folder, images, marginFraction);
    }

    /** True when the folder holds at least one {@code N.jpg} with its {@code N.json}. */
    public static boolean isUnityEyesFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) return false;
        for (Path jpg : renders(folder)) {
            if (Files.isRegularFile(jsonOf(jpg))) return true;
        }
        return false;
    }

    public static EyeDataset read(Path folder) throws IOException {
        try (UnityEyesFolderReader reader = open(folder)) {
            return reader.read(0, reader.count());
        }
    }

    @Override
    public int count() {
        return images.size();
    }

    @Override
    public EyeDataset read(int from, int n) throws IOException {
        float[][] pixels = new float[n][];
        SliceLabel[] labels = new SliceLabel[n];
        for (int i = 0; i < n; i++) {
            Path jpg = images.get(from + i);
            Render render = readRender(jpg);
            pixels[i] = render.eyeCrop(marginFraction);
            labels[i] = new SliceLabel(jpg.getFileName().toString(), render.gaze);
        }
        return new EyeDataset(ReadOptions.EYE_WIDTH, ReadOptions.EYE_HEIGHT, 8, pixels, labels);
    }

    private static List<Path> renders(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> InputFiles.extension(p).equals("jpg") && !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> NameOrder.INSTANCE.compare(a.getFileName().toString(), b.getFileName().toString()))
                    .toList();
        }
    }

    private static Path jsonOf(Path jpg) {
        String name = jpg.getFileName().toString();
        return jpg.resolveSibling(name.substring(0, name.length() - ".jpg".length()) + ".json");
    }

    /** One render: its gray pixels (top-left origin), the eye outline in the same coordinates, and the gaze. */
    private record Render(float[] gray, int width, int height, double[][] outline, Gaze gaze) {

        float[] eyeCrop(double marginFraction) {
            double minX = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (double[] p : outline) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
            double aspect = (double) ReadOptions.EYE_WIDTH / ReadOptions.EYE_HEIGHT;
            double boxWidth = Math.max(Math.max(maxX - minX, (maxY - minY) * aspect), 1) * (1 + 2 * marginFraction);
            double boxHeight = boxWidth / aspect;
            double centreX = (minX + maxX) / 2;
            double centreY = (minY + maxY) / 2;
            float[] crop = Resize.sample(gray, width, height, centreX - boxWidth / 2, centreY - boxHeight / 2, boxWidth, boxHeight,
                    ReadOptions.EYE_WIDTH, ReadOptions.EYE_HEIGHT, Interpolation.AREA);
            Resize.roundInPlace(crop);
            return crop;
        }
    }

    private Render readRender(Path jpg) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(jpg.toFile());
        } catch (IOException e) {
            throw new DataInputException("cannot read UnityEyes image " + jpg + ": " + e.getMessage() + "; it is damaged, render it again", e);
        }
        if (image == null) {
            throw new DataInputException("cannot read UnityEyes image " + jpg + ": not a JPEG Java can decode; render it again");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        float[] gray = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                gray[y * w + x] = (float) (0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff));
            }
        }
        Path jsonFile = jsonOf(jpg);
        try {
            Object root = Json.parse(Files.readString(jsonFile, StandardCharsets.UTF_8));
            Object details = root instanceof Map<?, ?> m ? m.get("eye_details") : null;
            Object look = details instanceof Map<?, ?> d ? d.get("look_vec") : null;
            if (!(look instanceof String lookText)) throw new IllegalArgumentException("no eye_details.look_vec string");
            Gaze gaze = Gaze.parse(lookText);
            Object margin = root instanceof Map<?, ?> m2 ? m2.get("interior_margin_2d") : null;
            if (!(margin instanceof List<?> points) || points.isEmpty()) {
                throw new IllegalArgumentException("no interior_margin_2d list of points");
            }
            double[][] outline = new double[points.size()][];
            for (int i = 0; i < points.size(); i++) {
                double[] p = parsePoint(points.get(i));
                outline[i] = new double[] {p[0], h - p[1]}; // UnityEyes measures y from the bottom
            }
            return new Render(gray, w, h, outline, gaze);
        } catch (IllegalArgumentException e) {
            throw new DataInputException("UnityEyes label " + jsonFile + " cannot be used: " + e.getMessage()
                    + "; it must hold eye_details.look_vec \"(x, y, z, 0)\" and interior_margin_2d [\"(x, y, z)\", ...] as UnityEyes writes them", e);
        }
    }

    private static double[] parsePoint(Object value) {
        if (!(value instanceof String s)) throw new IllegalArgumentException("an interior_margin_2d entry is not a \"(x, y, z)\" string");
        String[] parts = s.replace("(", "").replace(")", "").trim().split("[,\\s]+");
        if (parts.length < 2) throw new IllegalArgumentException("interior_margin_2d point '" + s + "' has fewer than 2 numbers");
        try {
            return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("interior_margin_2d point '" + s + "' is not numeric");
        }
    }

    @Override
    public String toString() {
        return "UnityEyes folder " + folder + " (" + images.size() + " renders)";
    }
}
