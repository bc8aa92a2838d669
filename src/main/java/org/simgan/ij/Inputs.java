package org.simgan.ij;

import ij.ImagePlus;
import ij.WindowManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ImageStacks;
import org.simgan.data.io.ReadOptions;

/** How the plugins name their input images: the title of an open image, or a file or folder. */
final class Inputs {
    private Inputs() {
    }

    /** An open image with this title (copied; the image is not changed), else a file or folder. */
    static EyeDataset dataset(String name, String what) throws IOException {
        if (name.isEmpty()) throw new UserError("give the " + what + " images (" + what + "=TITLE of an open stack, or a file)");
        ImagePlus imp = WindowManager.getImage(name);
        if (imp != null) return ImageStacks.fromImagePlus(imp);
        Path p = Path.of(name);
        if (!Files.exists(p)) {
            throw new UserError("the " + what + " images '" + name + "' are neither an open image nor an existing file: open the stack or give its path");
        }
        return DatasetIo.read(p, ReadOptions.defaults().withHdf5DatasetOption(
                "Plugins > SimGAN > Open Eye Dataset (hdf5_images=PATH), then give the open stack's title here"));
    }
}
