package org.simgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EyeDatasetTest {

    private static SliceLabel[] names(int n) {
        SliceLabel[] l = new SliceLabel[n];
        for (int i = 0; i < n; i++) l[i] = new SliceLabel("img" + i, null);
        return l;
    }

    @Test
    void wholeNumberImagesAreHeldInTheirStoredWidthAndReadBackExactly() {
        float[][] px = {{0, 1, 128, 255, 7, 200}, {255, 254, 3, 0, 9, 100}};
        float[][] original = {px[0].clone(), px[1].clone()};
        EyeDataset d8 = new EyeDataset(3, 2, 8, px, names(2));
        assertEquals(2 * 6, d8.pixelBytes());
        EyeDataset d16 = new EyeDataset(3, 2, 16, new float[][] {{0, 65535, 40000, 1, 2, 3}}, names(1));
        assertEquals(2 * 6, d16.pixelBytes());
        assertArrayEquals(new float[] {0, 65535, 40000, 1, 2, 3}, d16.pixels(0));
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(original[i], d8.pixels(i));
            float[] dst = new float[8];
            d8.copyPixels(i, dst, 2);
            for (int j = 0; j < 6; j++) assertEquals(original[i][j], dst[2 + j]);
        }
        assertArrayEquals(original[0], px[0]); // the given arrays are not changed
        EyeDataset part = d8.slice(1, 2);
        assertEquals(1, part.size());
        assertEquals("img1", part.label(0).name());
        assertArrayEquals(original[1], part.pixels(0));
    }

    @Test
    void valuesThatAreNotWholeOrOutOfRangeStayFloats() {
        EyeDataset fractional = new EyeDataset(2, 1, 8, new float[][] {{0, 1}, {2.5f, 3}}, names(2));
        assertEquals(4 * 4, fractional.pixelBytes());
        assertEquals(2.5f, fractional.pixels(1)[0]);
        EyeDataset nan = new EyeDataset(2, 1, 8, new float[][] {{Float.NaN, 1}}, names(1));
        assertThrows(IllegalArgumentException.class, () -> nan.requireFinite("the test images"));
        assertNull(EyeDataset.bytes(new float[] {256}));
        assertNull(EyeDataset.bytes(new float[] {-1}));
        EyeDataset bytes = new EyeDataset(2, 1, new byte[][] {{(byte) 255, 0}}, names(1));
        assertArrayEquals(new float[] {255, 0}, bytes.pixels(0));
        assertThrows(IllegalArgumentException.class, () -> new EyeDataset(3, 1, new byte[][] {{1, 2}}, names(1)));
    }

    @Test
    void theBuilderStaysCompactUntilAnImageNeedsFloatsAndThenKeepsEveryValue() {
        EyeDataset.Builder b = new EyeDataset.Builder(2, 1, 8);
        b.add(new float[] {3, 250}, new SliceLabel("a", null)).add(new float[] {0, 1}, new SliceLabel("b", null));
        EyeDataset compact = b.build();
        assertEquals(2 * 2, compact.pixelBytes());
        b.add(new float[] {0.5f, 2}, new SliceLabel("c", null));
        EyeDataset mixed = b.build();
        assertEquals(3 * 2 * 4, mixed.pixelBytes());
        assertArrayEquals(new float[] {3, 250}, mixed.pixels(0));
        assertArrayEquals(new float[] {0.5f, 2}, mixed.pixels(2));
        assertEquals("c", mixed.label(2).name());
        assertThrows(IllegalArgumentException.class, () -> b.add(new float[] {1, 2, 3}, new SliceLabel("d", null)));
    }

    @Test
    void pickConcatAndRelabellingKeepPixelsAndLabelsInOrder() {
        EyeDataset d = new EyeDataset(2, 1, 8, new float[][] {{1, 2}, {3, 4}, {5, 6}}, names(3));
        EyeDataset picked = d.pick(new int[] {2, 0});
        assertEquals(2, picked.size());
        assertArrayEquals(new float[] {5, 6}, picked.pixels(0));
        assertEquals("img0", picked.label(1).name());
        EyeDataset floats = new EyeDataset(2, 1, 32, new float[][] {{0.25f, 0.5f}}, names(1));
        EyeDataset joined = EyeDataset.concat(java.util.List.of(picked, floats));
        assertEquals(3, joined.size());
        assertArrayEquals(new float[] {1, 2}, joined.pixels(1));
        assertArrayEquals(new float[] {0.25f, 0.5f}, joined.pixels(2)); // not rounded to the first part's bytes
        SliceLabel[] gazes = {new SliceLabel("x", new Gaze(0, 0, -1)), new SliceLabel("y", null), new SliceLabel("z", null)};
        EyeDataset relabelled = d.withLabels(gazes);
        assertEquals("x", relabelled.label(0).name());
        assertArrayEquals(d.pixels(1), relabelled.pixels(1));
        assertEquals("img0", d.label(0).name()); // the source is unchanged
        assertThrows(IllegalArgumentException.class, () -> d.withLabels(new SliceLabel[1]));
    }
}
