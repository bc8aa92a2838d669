package org.simgan.cli;

import java.nio.file.Path;
import org.simgan.data.io.Interpolation;
import org.simgan.data.io.ReadOptions;

/** The options that say how to read an image file, shared by every command that reads one. */
final class DataOptions {
    private DataOptions() {
    }

    static final String HELP = String.join("\n",
            "  --PREFIX-dataset PATH   HDF5 path of the images (default: image)",
            "  --PREFIX-labels PATH    HDF5 path of the gaze vectors (default: look_vec, when present)",
            "  --resize bilinear|area  resize images of another size instead of refusing them");

    /** Reads {@code --PREFIX-dataset}, {@code --PREFIX-labels} and {@code --resize}; requires width x height. */
    static ReadOptions read(Args args, String prefix, int width, int height) {
        return read(args, prefix, width, height, true);
    }

    /** {@link #read(Args, String, int, int)}, with {@code --PREFIX-labels} only when {@code hdf5Labels}. */
    static ReadOptions read(Args args, String prefix, int width, int height, boolean hdf5Labels) {
        ReadOptions o = ReadOptions.defaults().withRequiredSize(width, height).withHdf5DatasetOption("--" + prefix + "-dataset PATH");
        String ds = args.string(prefix + "-dataset", null);
        if (ds != null) o = o.withHdf5Dataset(ds);
        String labels = hdf5Labels ? args.string(prefix + "-labels", null) : null;
        if (labels != null) o = o.withHdf5Labels(labels);
        String resize = args.string("resize", null);
        if (resize != null) o = o.withResize(Interpolation.parse(resize));
        return o;
    }

    static Path existing(Args args, String key) {
        Path p = args.path(key);
        if (!java.nio.file.Files.exists(p)) throw new Args.UsageException("--" + key + " " + p + ": no such file or folder");
        return p;
    }
}
