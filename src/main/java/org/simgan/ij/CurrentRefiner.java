package org.simgan.ij;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;

/**
 * The refiner the ImageJ commands and the SciJava service share: loaded once, kept until another one is loaded, so
 * refining many stacks does not reload it. Loading the same file again (unchanged on disk, same device) returns the
 * loaded model.
 */
public final class CurrentRefiner {
    private static RefinerModel model;
    private static Device device;
    private static long modified;

    private CurrentRefiner() {
    }

    /** The loaded refiner, or null. */
    public static synchronized RefinerModel get() {
        return model;
    }

    /** The refiner in {@code file}, loading it unless it is the one loaded already. */
    public static synchronized RefinerModel load(Path file, Device on) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        long time = modified(abs);
        if (model != null && model.file().equals(abs) && device == on && modified == time) return model;
        RefinerModel loaded = new RefinerModel(abs, new Engine(on, 0));
        clear();
        model = loaded;
        device = on;
        modified = time;
        return model;
    }

    /** When the file (or, for a package folder, the newest of its files) last changed; -1 when it does not exist. */
    private static long modified(Path p) throws IOException {
        if (!Files.exists(p)) return -1;
        if (!Files.isDirectory(p)) return Files.getLastModifiedTime(p).toMillis();
        try (var files = Files.list(p)) {
            long newest = Files.getLastModifiedTime(p).toMillis();
            for (Path f : (Iterable<Path>) files::iterator) newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
            return newest;
        }
    }

    /**
     * The refiner to use: the loaded one when {@code file} is empty, else the one in {@code file}.
     *
     * @throws UserError when none is loaded and no file is given
     */
    static synchronized RefinerModel require(String file, Device on) throws IOException {
        if (file != null && !file.isBlank()) return load(Path.of(file), on);
        if (model == null) {
            throw new UserError("no refiner is loaded: run Plugins > SimGAN > Load Refiner first, or give the model file (model=/path/refiner.onnx)");
        }
        return model;
    }

    /** Closes and forgets the loaded refiner. */
    public static synchronized void clear() {
        if (model != null) model.close();
        model = null;
    }
}
