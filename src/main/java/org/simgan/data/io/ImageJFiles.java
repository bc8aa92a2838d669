package org.simgan.data.io;

import ij.ImagePlus;
import ij.io.Opener;
import java.nio.file.Path;

/** Opening one image file (TIFF, PNG, JPEG) with ImageJ's own reader, with a clear error when it cannot. */
final class ImageJFiles {

    private ImageJFiles() {
    }

    static ImagePlus open(Path file, String what) throws DataInputException {
        InputFiles.requireReadableFile(file, what);
        ImagePlus imp;
        try {
            Opener opener = new Opener();
            opener.setSilentMode(true);
            imp = opener.openImage(file.toAbsolutePath().toString());
        } catch (RuntimeException e) {
            throw new DataInputException("ImageJ cannot read " + what + " " + file + " (" + e + "); the file is damaged or "
                    + "not an image ImageJ can open; check it or save it again as TIFF", e);
        }
        if (imp == null) {
            throw new DataInputException("ImageJ cannot read " + what + " " + file + ": it is damaged, truncated or not an image "
                    + "format ImageJ can open (TIFF, PNG, JPEG); check the file or save it again as TIFF");
        }
        return imp;
    }
}
