package org.simgan.data.io;

import org.simgan.data.EyeDataset;

/**
 * Resampling of grayscale images, used only when the user asks for it (images of the wrong size are an error
 * otherwise). Pixel centres sit at half-integer coordinates; areas outside the source repeat its edge pixels.
 * Results for 8- and 16-bit images are rounded to whole intensities, so they stay valid for their bit depth.
 */
public final class Resize {

    private Resize() {
    }

    /** Every image of {@code ds} resized to {@code width} x {@code height}; labels and bit depth are kept. */
    public static EyeDataset resize(EyeDataset ds, int width, int height, Interpolation interpolation) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        if (ds.width() == width && ds.height() == height) return ds;
        float[][] out = new float[ds.size()][];
        boolean round = ds.bitDepth() != 32;
        for (int i = 0; i < ds.size(); i++) {
            out[i] = sample(ds.pixels(i), ds.width(), ds.height(), 0, 0, ds.width(), ds.height(), width, height, interpolation);
            if (round) roundInPlace(out[i]);
        }
        return new EyeDataset(width, height, ds.bitDepth(), out, ds.labels().toArray(new org.simgan.data.SliceLabel[0]));
    }

    /** One image resized to {@code outWidth} x {@code outHeight}. */
    public static float[] resize(float[] src, int width, int height, int outWidth, int outHeight, Interpolation interpolation) {
        return sample(src, width, height, 0, 0, width, height, outWidth, outHeight, interpolation);
    }

    /**
     * The box with top-left corner ({@code boxX}, {@code boxY}) and size {@code boxWidth} x {@code boxHeight} (source
     * pixel units, may be fractional and may reach outside the image) resampled to {@code outWidth} x {@code outHeight}.
     */
    public static float[] sample(float[] src, int width, int height, double boxX, double boxY, double boxWidth,
                                 double boxHeight, int outWidth, int outHeight, Interpolation interpolation) {
        if (src.length != width * height) throw new IllegalArgumentException("image has " + src.length + " pixels, not " + width + "x" + height);
        if (!(boxWidth > 0) || !(boxHeight > 0)) throw new IllegalArgumentException("box size must be positive");
        double sx = boxWidth / outWidth;
        double sy = boxHeight / outHeight;
        float[] out = new float[outWidth * outHeight];
        for (int oy = 0; oy < outHeight; oy++) {
            for (int ox = 0; ox < outWidth; ox++) {
                double x0 = boxX + ox * sx;
                double y0 = boxY + oy * sy;
                out[oy * outWidth + ox] = (float) (interpolation == Interpolation.AREA
                        ? areaMean(src, width, height, x0, y0, x0 + sx, y0 + sy)
                        : bilinear(src, width, height, x0 + sx / 2 - 0.5, y0 + sy / 2 - 0.5));
            }
        }
        return out;
    }

    private static double bilinear(float[] src, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double top = (1 - fx) * at(src, w, h, x0, y0) + fx * at(src, w, h, x0 + 1, y0);
        double bottom = (1 - fx) * at(src, w, h, x0, y0 + 1) + fx * at(src, w, h, x0 + 1, y0 + 1);
        return (1 - fy) * top + fy * bottom;
    }

    /** Mean over the rectangle [x0,x1) x [y0,y1), each source pixel weighted by how much of it lies inside. */
    private static double areaMean(float[] src, int w, int h, double x0, double y0, double x1, double y1) {
        double sum = 0;
        double weight = 0;
        for (int py = (int) Math.floor(y0); py < y1; py++) {
            double wy = Math.min(py + 1, y1) - Math.max(py, y0);
            if (wy <= 0) continue;
            for (int px = (int) Math.floor(x0); px < x1; px++) {
                double wx = Math.min(px + 1, x1) - Math.max(px, x0);
                if (wx <= 0) continue;
                sum += wx * wy * at(src, w, h, px, py);
                weight += wx * wy;
            }
        }
        return sum / weight;
    }

    private static float at(float[] src, int w, int h, int x, int y) {
        int cx = Math.max(0, Math.min(w - 1, x));
        int cy = Math.max(0, Math.min(h - 1, y));
        return src[cy * w + cx];
    }

    static void roundInPlace(float[] values) {
        for (int i = 0; i < values.length; i++) values[i] = Math.round(values[i]);
    }
}
