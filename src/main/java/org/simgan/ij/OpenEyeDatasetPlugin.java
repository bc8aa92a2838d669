package org.simgan.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.PlugIn;
import java.nio.file.Path;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.EyeVirtualStack;
import org.simgan.data.io.ImageStacks;
import org.simgan.data.io.ReadOptions;

/**
 * Plugins > SimGAN > Open Eye Dataset: an HDF5 file, TIFF stack, image folder or UnityEyes folder as a stack, one
 * slice per image, each slice label holding the name and gaze ({@code NAME\ngaze=x,y,z}).
 * Macro options: {@code path=... [labels=FILE.csv] [hdf5_images=/image] [first=0] [count=-1] [virtual]}; with
 * {@code virtual} slices are read from the file as they are shown (for large files).
 */
public class OpenEyeDatasetPlugin implements PlugIn {
    static final String COMMAND = "Open Eye Dataset";

    @Override
    public void run(String arg) {
        Commands.run(COMMAND, () -> {
            Options o = Options.of(COMMAND)
                    .message("An HDF5 file, a TIFF stack, or a folder of images (PNG/TIFF or UnityEyes renders)")
                    .file("path", "").file("labels", "").string("hdf5_images", "").number("first", 0, 0).number("count", -1, 0)
                    .checkbox("virtual", false);
            if (!o.read()) return;
            String path = o.nextString();
            String labels = o.nextString();
            String group = o.nextString();
            int first = o.nextInt();
            int count = o.nextInt();
            boolean virtual = o.nextBoolean();
            if (path.isEmpty()) throw new UserError("give the dataset to open (path=...)");
            ReadOptions ro = ReadOptions.defaults().withRange(first, count).withHdf5DatasetOption("hdf5_images=PATH");
            if (!labels.isEmpty()) ro = ro.withLabelsCsv(Path.of(labels));
            if (!group.isEmpty()) ro = ro.withHdf5Dataset(group);
            String title = Path.of(path).getFileName().toString();
            if (virtual) {
                EyeVirtualStack stack = EyeVirtualStack.open(Path.of(path), ro);
                ImagePlus imp = stack.toImagePlus(title);
                imp.setProp("SimGAN.source", path);
                IJ.showStatus(COMMAND + ": " + stack.getSize() + " images (virtual stack, read as shown)");
                imp.show();
                return;
            }
            IJ.showStatus(COMMAND + ": reading " + path);
            EyeDataset ds = DatasetIo.read(Path.of(path), ro);
            if (ds.size() == 0) throw new UserError(path + " holds no images in the range asked for");
            ImagePlus imp = ImageStacks.toImagePlus(ds, title);
            imp.setProp("SimGAN.source", path);
            IJ.showStatus(COMMAND + ": " + ds.size() + " images of " + ds.width() + "x" + ds.height());
            imp.show();
        });
    }
}
