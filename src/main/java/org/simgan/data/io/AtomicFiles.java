package org.simgan.data.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a half-written file:
 * the content goes to a temporary file in the target's folder, which then replaces the target by a rename.
 */
public final class AtomicFiles {

    /** Writes the complete content to the given (temporary) path. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically. If {@code writer} fails, the temporary file is deleted and an existing
     * target is left exactly as it was.
     */
    public static void write(Path target, ContentWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new DataInputException("cannot write " + target + ": the folder " + folder
                    + " does not exist; create it first or choose another output path");
        }
        if (Files.isDirectory(absolute)) {
            throw new DataInputException("cannot write " + target + ": it is a folder; give a file name");
        }
        // Same folder (so the rename stays on one file system); same extension, for writers that look at it.
        String extension = InputFiles.extension(absolute);
        Path temporary = Files.createTempFile(folder, "." + absolute.getFileName() + ".", extension.isEmpty() ? ".part" : ".part." + extension);
        boolean moved = false;
        try {
            // Some writers refuse to overwrite an existing file; hand them a free path.
            Files.delete(temporary);
            writer.writeTo(temporary);
            if (!Files.isRegularFile(temporary)) {
                throw new IOException("the writer produced no file for " + target);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) Files.deleteIfExists(temporary);
        }
    }
}
