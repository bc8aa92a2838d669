package org.simgan.data.io;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.Opener;
import ij.io.TiffDecoder;
import java.io.IOException;
import java.nio.file.Files;
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

    /**
     * Refuses a TIFF file that ImageJ could read only in part: fewer slices than its header declares, or (for
     * uncompressed data) fewer bytes than the declared slices need. ImageJ itself opens such a file silently with the
     * slices it could read. Other formats pass.
     */
    static void requireComplete(Path file, ImagePlus imp) throws DataInputException {
        String ext = InputFiles.extension(file);
        FileInfo first = imp.getOriginalFileInfo();
        if (first == null || first.fileFormat != FileInfo.TIFF && !ext.startsWith("tif")) return;
        FileInfo[] infos;
        try {
            Path abs = file.toAbsolutePath();
            infos = new TiffDecoder(abs.getParent().toString() + java.io.File.separator, abs.getFileName().toString()).getTiffInfo();
        } catch (IOException | RuntimeException e) {
            return; // ImageJ opened it: whatever the header says was enough for it
        }
        if (infos == null || infos.length == 0) return;
        int declared = infos.length > 1 ? infos.length : Math.max(1, infos[0].nImages);
        int read = imp.getStackSize();
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            return;
        }
        int complete = declared;
        long needed = 0;
        if (infos.length == 1 && infos[0].compression <= FileInfo.COMPRESSION_NONE) {
            FileInfo fi = infos[0];
            long image = (long) fi.width * fi.height * fi.getBytesPerPixel();
            needed = fi.getOffset() + declared * image + (declared - 1L) * fi.gapBetweenImages;
            if (image > 0 && length < needed) {
                complete = (int) Math.max(0, Math.min(declared, (length - fi.getOffset() + fi.gapBetweenImages) / (image + fi.gapBetweenImages)));
            }
        } else if (infos.length > 1) {
            for (int i = 0; i < infos.length; i++) {
                FileInfo fi = infos[i];
                long image = (long) fi.width * fi.height * fi.getBytesPerPixel();
                if (fi.compression <= FileInfo.COMPRESSION_NONE && fi.getOffset() + image > length) {
                    complete = i;
                    needed = fi.getOffset() + image;
                    break;
                }
            }
        }
        int readable = Math.min(read, complete);
        if (readable < declared) {
            throw new DataInputException(file + " is truncated or damaged: its header declares " + declared + " slices but only " + readable
                    + " can be read" + (needed > length ? " (the file has " + length + " of the " + needed + " bytes they need)" : "")
                    + "; copy or save the file again from its source");
        }
    }
}
