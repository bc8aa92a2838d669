package org.simgan.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;

/** Random test datasets and comparisons. */
final class TestImages {

    private TestImages() {
    }

    /** {@code n} random images of the given size and bit depth, named 00000.., each with a random gaze when asked. */
    static EyeDataset random(long seed, int n, int width, int height, int bitDepth, boolean withGaze) {
        Random rnd = new Random(seed);
        float[][] pixels = new float[n][width * height];
        SliceLabel[] labels = new SliceLabel[n];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < width * height; p++) {
                pixels[i][p] = switch (bitDepth) {
                    case 8 -> rnd.nextInt(256);
                    case 16 -> rnd.nextInt(65536);
                    default -> rnd.nextFloat();
                };
            }
            Gaze gaze = withGaze ? Gaze.fromPitchYaw(rnd.nextDouble() - 0.5, rnd.nextDouble() - 0.5) : null;
            labels[i] = new SliceLabel(Pixels.indexName(i), gaze);
        }
        return new EyeDataset(width, height, bitDepth, pixels, labels);
    }

    static void assertSamePixels(EyeDataset expected, EyeDataset actual) {
        assertEquals(expected.size(), actual.size(), "image count");
        assertEquals(expected.width(), actual.width(), "width");
        assertEquals(expected.height(), actual.height(), "height");
        assertEquals(expected.bitDepth(), actual.bitDepth(), "bit depth");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.pixels(i), actual.pixels(i), "pixels of image " + i);
        }
    }

    /** Names equal and gazes equal to the 4 decimals of the label format. */
    static void assertSameLabels(EyeDataset expected, EyeDataset actual) {
        assertEquals(expected.size(), actual.size(), "image count");
        for (int i = 0; i < expected.size(); i++) {
            SliceLabel e = expected.label(i);
            SliceLabel a = actual.label(i);
            assertEquals(e.name(), a.name(), "name of image " + i);
            assertEquals(e.hasGaze(), a.hasGaze(), "gaze present for image " + i);
            if (e.hasGaze()) assertEquals(0, e.gaze().angleDegrees(a.gaze()), 0.02, "gaze of image " + i);
        }
    }
}
