package org.simgan.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;

/**
 * Differentiable augmentation of what the discriminator sees (as in Zhao et al. 2020, "Differentiable Augmentation
 * for Data-Efficient GAN Training"): real and refined images alike are mirrored left-right, shifted by a few pixels
 * (the border mirrored in), changed a little in contrast and brightness and, if asked, given pixel noise, each image
 * by its own random draw,
 * before the discriminator judges them, in its own step and in the refiner's. With a few thousand real images the
 * discriminator otherwise learns them by heart and stops giving the refiner useful gradients. The refiner's output
 * itself is never augmented: only the discriminator's view of it.
 *
 * <p>In the graph an augmentation is two matrix products and an affine map, {@code (rows x image x cols) * gain +
 * bias}, whose matrices and scalars are fed each step from the trainer's random generator ({@link #draw}), so runs
 * stay reproducible and resumable.
 *
 * @param flip       mirror left-right with probability 1/2
 * @param shift      largest shift in pixels, up/down and left/right (0 = none)
 * @param contrast   gain drawn uniformly from 1 +- contrast
 * @param brightness offset drawn uniformly from +- brightness (images are in [-1, 1])
 * @param noise      standard deviation of Gaussian noise added to every pixel ("instance noise", Sonderby et al.
 *                   2017), images being in [-1, 1]; it hides the finest texture from both sides alike
 */
public record Augmentation(boolean flip, int shift, double contrast, double brightness, double noise) {

    public static final Augmentation NONE = new Augmentation(false, 0, 0, 0, 0);

    /** Without noise. */
    public Augmentation(boolean flip, int shift, double contrast, double brightness) {
        this(flip, shift, contrast, brightness, 0);
    }

    public Augmentation {
        if (shift < 0 || shift > 16) throw new IllegalArgumentException("the augmentation shift must be 0..16 pixels, got " + shift);
        if (!(contrast >= 0 && contrast < 1)) throw new IllegalArgumentException("the augmentation contrast must be in [0, 1), got " + contrast);
        if (!(brightness >= 0 && brightness <= 1)) throw new IllegalArgumentException("the augmentation brightness must be in [0, 1], got " + brightness);
        if (!(noise >= 0 && noise <= 1)) throw new IllegalArgumentException("the augmentation noise must be in [0, 1], got " + noise);
    }

    public boolean enabled() {
        return !equals(NONE);
    }

    private boolean geometric() {
        return flip || shift > 0;
    }

    private boolean photometric() {
        return contrast > 0 || brightness > 0;
    }

    /** {@code none}, or a comma list of {@code flip}, {@code shift=PIXELS}, {@code contrast=F}, {@code brightness=F}, {@code noise=F}. */
    public static Augmentation parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.isEmpty()) return NONE;
        boolean flip = false;
        int shift = 0;
        double contrast = 0, brightness = 0, noise = 0;
        for (String part : t.split(",")) {
            String[] kv = part.trim().split("=", 2);
            try {
                switch (kv[0].trim()) {
                    case "flip" -> {
                        if (kv.length != 1) throw new IllegalArgumentException("'flip' takes no value");
                        flip = true;
                    }
                    case "shift" -> shift = Integer.parseInt(value(kv));
                    case "contrast" -> contrast = Double.parseDouble(value(kv));
                    case "brightness" -> brightness = Double.parseDouble(value(kv));
                    case "noise" -> noise = Double.parseDouble(value(kv));
                    default -> throw new IllegalArgumentException("unknown part '" + kv[0].trim() + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("augmentation '" + text + "': '" + part.trim() + "' needs a number");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("augmentation '" + text + "': " + e.getMessage()
                        + "; use none, or a comma list of flip, shift=PIXELS, contrast=F, brightness=F, noise=F");
            }
        }
        return new Augmentation(flip, shift, contrast, brightness, noise);
    }

    private static String value(String[] kv) {
        if (kv.length != 2) throw new IllegalArgumentException("'" + kv[0].trim() + "' needs a value, as " + kv[0].trim() + "=...");
        return kv[1].trim();
    }

    /** The canonical text {@link #parse} reads back. */
    public String format() {
        if (!enabled()) return "none";
        StringBuilder b = new StringBuilder();
        if (flip) b.append(",flip");
        if (shift > 0) b.append(",shift=").append(shift);
        if (contrast > 0) b.append(",contrast=").append(num(contrast));
        if (brightness > 0) b.append(",brightness=").append(num(brightness));
        if (noise > 0) b.append(",noise=").append(num(noise));
        return b.substring(1);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    /**
     * The augmented view of {@code x} ([N, 1, H, W]); adds the graph inputs {@code prefix.rows} [N, 1, H, H],
     * {@code prefix.cols} [N, 1, W, W], {@code prefix.gain} and {@code prefix.bias} [N, 1, 1, 1] and {@code prefix.noise}
     * [N, 1, H, W] that it needs.
     */
    public Value apply(Value x, String prefix) {
        if (!enabled()) return x;
        Graph g = x.graph();
        long n = x.dim(0), h = x.dim(2), w = x.dim(3);
        Value y = x;
        if (geometric()) {
            y = g.input(prefix + ".rows", n, 1, h, h).matmul(y).matmul(g.input(prefix + ".cols", n, 1, w, w));
        }
        if (photometric()) {
            y = y.mul(g.input(prefix + ".gain", n, 1, 1, 1)).add(g.input(prefix + ".bias", n, 1, 1, 1));
        }
        if (noise > 0) y = y.add(g.input(prefix + ".noise", n, 1, h, w));
        return y;
    }

    /** Random feeds for the inputs {@link #apply} made under {@code prefix}, for a batch of n images of h x w. */
    public Map<String, float[]> draw(Rng rng, String prefix, int n, int h, int w) {
        Map<String, float[]> feeds = new LinkedHashMap<>();
        if (!enabled()) return feeds;
        if (geometric()) {
            float[] rows = new float[n * h * h], cols = new float[n * w * w];
            for (int i = 0; i < n; i++) {
                boolean mirror = flip && rng.nextDouble() < 0.5;
                int dy = shift > 0 ? rng.nextInt(2 * shift + 1) - shift : 0;
                int dx = shift > 0 ? rng.nextInt(2 * shift + 1) - shift : 0;
                // output row r takes input row reflect(r - dy): rows[r][src] = 1
                for (int r = 0; r < h; r++) rows[i * h * h + r * h + reflect(r - dy, h)] = 1;
                // output column c takes input column reflect(c - dx) of the (mirrored) image: cols[src][c] = 1
                for (int c = 0; c < w; c++) {
                    int src = reflect(c - dx, w);
                    if (mirror) src = w - 1 - src;
                    cols[i * w * w + src * w + c] = 1;
                }
            }
            feeds.put(prefix + ".rows", rows);
            feeds.put(prefix + ".cols", cols);
        }
        if (photometric()) {
            float[] gain = new float[n], bias = new float[n];
            for (int i = 0; i < n; i++) {
                gain[i] = (float) (1 + contrast * (2 * rng.nextDouble() - 1));
                bias[i] = (float) (brightness * (2 * rng.nextDouble() - 1));
            }
            feeds.put(prefix + ".gain", gain);
            feeds.put(prefix + ".bias", bias);
        }
        if (noise > 0) {
            float[] z = new float[n * h * w];
            for (int i = 0; i < z.length; i += 2) {
                // Box-Muller: two independent standard normals from two uniforms
                double u1 = 1 - rng.nextDouble(), u2 = rng.nextDouble();
                double rad = Math.sqrt(-2 * Math.log(u1)) * noise;
                z[i] = (float) (rad * Math.cos(2 * Math.PI * u2));
                if (i + 1 < z.length) z[i + 1] = (float) (rad * Math.sin(2 * Math.PI * u2));
            }
            feeds.put(prefix + ".noise", z);
        }
        return feeds;
    }

    /** Index {@code i} mirrored into 0..n-1 about the border pixels (as reflection padding). */
    static int reflect(int i, int n) {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        int k = Math.floorMod(i, period);
        return k < n ? k : period - k;
    }
}
