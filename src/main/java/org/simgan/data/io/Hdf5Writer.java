package org.simgan.data.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Path;
import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;

/**
 * Writes eye images to HDF5 in the Kaggle "eye-gaze" layout, atomically (see {@link AtomicFiles}):
 * <ul>
 * <li>group {@code image} with one (height, width) dataset per image, named {@code 00000, 00001, ...};</li>
 * <li>{@code look_vec}: an (N, 3) float dataset of unit look vectors, written only when every image has a gaze;</li>
 * <li>{@code name}: N strings, written only when some image name is not its zero-padded index.</li>
 * </ul>
 * jhdf 0.9.4 writes signed integers only, so 8-bit images are stored as int16 and 16-bit images as int32 (the
 * values are unchanged, so every HDF5 tool reads the right intensities), with an attribute {@code bit_depth} on
 * the {@code image} group that {@link Hdf5Reader} uses to restore the bit depth. 32-bit images are float32.
 * jhdf keeps all data in memory until the file is closed, so the whole dataset is held while writing.
 */
public final class Hdf5Writer {

    private Hdf5Writer() {
    }

    public static void write(EyeDataset ds, Path file) throws IOException {
        AtomicFiles.write(file, temporary -> writeTo(ds, temporary));
    }

    private static void writeTo(EyeDataset ds, Path path) throws IOException {
        int w = ds.width();
        int h = ds.height();
        try (WritableHdfFile out = HdfFile.write(path)) {
            WritableGroup images = out.putGroup(ReadOptions.DEFAULT_IMAGE_PATH);
            images.putAttribute(Hdf5Reader.BIT_DEPTH_ATTRIBUTE, ds.bitDepth());
            boolean defaultNames = true;
            for (int i = 0; i < ds.size(); i++) {
                String key = Pixels.indexName(i);
                images.putDataset(key, imageArray(ds.pixels(i), w, h, ds.bitDepth()));
                defaultNames &= key.equals(ds.label(i).name());
            }
            if (ds.size() > 0 && ds.allLabelled()) {
                float[][] look = new float[ds.size()][3];
                for (int i = 0; i < ds.size(); i++) {
                    Gaze g = ds.label(i).gaze();
                    look[i] = new float[] {(float) g.x(), (float) g.y(), (float) g.z()};
                }
                out.putDataset(ReadOptions.DEFAULT_LABEL_PATH, look);
            }
            if (!defaultNames) {
                String[] names = new String[ds.size()];
                for (int i = 0; i < ds.size(); i++) names[i] = ds.label(i).name();
                out.putDataset(Hdf5Reader.NAME_DATASET, names);
            }
        } catch (HdfException e) {
            throw new IOException("writing HDF5 failed: " + e.getMessage(), e);
        }
    }

    private static Object imageArray(float[] pixels, int w, int h, int bitDepth) {
        switch (bitDepth) {
            case 8: {
                short[][] a = new short[h][w];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) a[y][x] = (short) Pixels.clampRound(pixels[y * w + x], 255);
                }
                return a;
            }
            case 16: {
                int[][] a = new int[h][w];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) a[y][x] = Pixels.clampRound(pixels[y * w + x], 65535);
                }
                return a;
            }
            default: {
                float[][] a = new float[h][w];
                for (int y = 0; y < h; y++) System.arraycopy(pixels, y * w, a[y], 0, w);
                return a;
            }
        }
    }
}
