package org.simgan.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** A grid of grayscale images as an 8-bit PNG: one row per set, one column per image, with a small gap. */
public final class Montage {
    private Montage() {
    }

    /**
     * @param rows   each row: {@code count} images of height x width, row-major one after the other
     * @param lo     the value shown black
     * @param hi     the value shown white
     * @param zoom   pixels per image pixel
     */
    public static BufferedImage grid(List<float[]> rows, int count, int height, int width, float lo, float hi, int zoom) {
        int gap = 2;
        int cellW = width * zoom + gap, cellH = height * zoom + gap;
        BufferedImage img = new BufferedImage(count * cellW + gap, rows.size() * cellH + gap, BufferedImage.TYPE_BYTE_GRAY);
        var raster = img.getRaster();
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) raster.setSample(x, y, 0, 255);
        for (int r = 0; r < rows.size(); r++) {
            float[] data = rows.get(r);
            for (int i = 0; i < count && (i + 1) * height * width <= data.length; i++) {
                for (int y = 0; y < height * zoom; y++) {
                    for (int x = 0; x < width * zoom; x++) {
                        float v = data[i * height * width + (y / zoom) * width + x / zoom];
                        int g = Math.round((v - lo) / (hi - lo) * 255);
                        raster.setSample(gap + i * cellW + x, gap + r * cellH + y, 0, Math.max(0, Math.min(255, g)));
                    }
                }
            }
        }
        return img;
    }

    /**
     * Saves a PNG atomically. The encoder writes through an in-memory cache that is closed here: ImageIO's default
     * file cache would be left to its "StreamCloser" shutdown hook after a failed write (a full disk), which then
     * fails with a stack trace as the program exits.
     */
    public static void savePng(BufferedImage img, Path file) throws IOException {
        AtomicFile.write(file, out -> {
            try (ImageOutputStream cached = new MemoryCacheImageOutputStream(out)) {
                if (!ImageIO.write(img, "png", cached)) throw new IOException("no PNG writer available");
            }
        });
    }
}
