package org.simgan.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.simgan.data.EyeDataset;

/** TIFF stacks, ImagePlus conversion and image folders, all through ImageJ's own readers and writers. */
class ImageJFormatsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32})
    void tiffRoundTripKeepsPixelsAndSliceLabels(int bitDepth) throws Exception {
        EyeDataset ds = TestImages.random(100 + bitDepth, 5, 55, 35, bitDepth, true);
        Path file = dir.resolve("eyes.tif");
        DatasetIo.write(ds, file);
        EyeDataset back = DatasetIo.read(file, ReadOptions.defaults().withEyeSize().withLabelsRequired(true));
        TestImages.assertSamePixels(ds, back);
        TestImages.assertSameLabels(ds, back);
    }

    @Test
    void singleImageTiffKeepsItsLabel() throws Exception {
        EyeDataset ds = TestImages.random(7, 1, 9, 4, 16, true);
        Path file = dir.resolve("one.tiff");
        DatasetIo.write(ds, file);
        EyeDataset back = DatasetIo.read(file);
        TestImages.assertSamePixels(ds, back);
        TestImages.assertSameLabels(ds, back);
    }

    @Test
    void conversionToAndFromImagePlusLeavesTheSourceUnchanged() throws Exception {
        EyeDataset ds = TestImages.random(21, 3, 8, 6, 8, true);
        ImagePlus imp = ImageStacks.toImagePlus(ds, "eyes");
        assertEquals(3, imp.getStackSize());
        assertEquals(ds.label(1).format(), imp.getStack().getSliceLabel(2));
        byte[] before = ((byte[]) imp.getStack().getPixels(2)).clone();
        EyeDataset back = ImageStacks.fromImagePlus(imp);
        TestImages.assertSamePixels(ds, back);
        TestImages.assertSameLabels(ds, back);
        back.pixels(1)[0] = -1; // a dataset's arrays are its own, not the image's
        assertArrayEquals(before, (byte[]) imp.getStack().getPixels(2));
        assertEquals(ds.label(1).format(), imp.getStack().getSliceLabel(2));
    }

    @Test
    void rgbIsRefusedWithAHint() throws Exception {
        ImagePlus rgb = new ImagePlus("colour", new ColorProcessor(5, 4));
        DataInputException e = assertThrows(DataInputException.class, () -> ImageStacks.fromImagePlus(rgb));
        assertTrue(e.getMessage().contains("RGB") && e.getMessage().contains("8-bit"), e.getMessage());
        Path file = dir.resolve("colour.tif");
        new FileSaver(rgb).saveAsTiff(file.toString());
        DataInputException f = assertThrows(DataInputException.class, () -> DatasetIo.read(file));
        assertTrue(f.getMessage().contains("RGB") && f.getMessage().contains(file.toString()), f.getMessage());
    }

    @Test
    void corruptTiffIsNamed() throws Exception {
        Path file = dir.resolve("broken.tif");
        Files.write(file, new byte[] {'I', 'I', 42, 0, 1, 2, 3});
        DataInputException e = assertThrows(DataInputException.class, () -> DatasetIo.read(file));
        assertTrue(e.getMessage().contains("cannot read") && e.getMessage().contains("broken.tif"), e.getMessage());
    }

    @Test
    void folderOfPngsIsReadInNameOrderWithFileNames() throws Exception {
        EyeDataset ds = TestImages.random(33, 3, 55, 35, 8, false);
        String[] names = {"eye2.png", "eye10.png", "eye1.png"}; // written out of order
        int[] order = {1, 2, 0}; // image index each name gets: eye1 -> 0, eye2 -> 1, eye10 -> 2
        for (int k = 0; k < 3; k++) writeGrayPng(ds.pixels(order[k]), 55, 35, dir.resolve(names[k]));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        EyeDataset back = DatasetIo.read(dir, ReadOptions.defaults().withEyeSize());
        TestImages.assertSamePixels(ds, back);
        assertEquals("eye1.png", back.label(0).name());
        assertEquals("eye2.png", back.label(1).name());
        assertEquals("eye10.png", back.label(2).name());
        assertEquals(DatasetIo.Format.IMAGE_FOLDER, DatasetIo.detect(dir));
    }

    @Test
    void folderWithMixedSizesIsRefused() throws Exception {
        writeGrayPng(new float[55 * 35], 55, 35, dir.resolve("a.png"));
        writeGrayPng(new float[60 * 36], 60, 36, dir.resolve("b.png"));
        DataInputException e = assertThrows(DataInputException.class, () -> DatasetIo.read(dir));
        assertTrue(e.getMessage().contains("b.png") && e.getMessage().contains("one size"), e.getMessage());
    }

    static void writeGrayPng(float[] pixels, int w, int h, Path file) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) image.getRaster().setSample(x, y, 0, (int) pixels[y * w + x]);
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
