package org.simgan.io;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a half-written file:
 * the content goes to a temporary file in the target's folder, which then replaces the target by a rename. An
 * interrupted or failed write leaves the previous file (for example the last good checkpoint) untouched and no
 * temporary file behind.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes the complete content to the given (temporary) path, for libraries that write files themselves. */
    @FunctionalInterface
    public interface PathWriter {
        void writeTo(Path temporary) throws IOException;
    }

    /** Writes the complete content to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically through a writer that creates the file at the path it is given. */
    public static void writePath(Path target, PathWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IOException("cannot write " + target + ": the folder " + folder + " does not exist; create it first or choose another output path");
        }
        if (Files.isDirectory(absolute)) throw new IOException("cannot write " + target + ": it is a folder; give a file name");
        // same folder, so the rename stays on one file system; same extension, for writers that look at it
        String name = absolute.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1) : "";
        Path temporary = Files.createTempFile(folder, "." + name + ".", extension.isEmpty() ? ".part" : ".part." + extension);
        boolean moved = false;
        try {
            Files.delete(temporary); // some writers refuse to overwrite an existing file: hand them a free path
            writer.writeTo(temporary);
            if (!Files.isRegularFile(temporary)) throw new IOException("the writer produced no file for " + target);
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

    /** Writes {@code target} atomically from a stream, synced to disk before the rename. */
    public static void write(Path target, StreamWriter writer) throws IOException {
        writePath(target, temporary -> {
            try (FileOutputStream raw = new FileOutputStream(temporary.toFile()); OutputStream out = new BufferedOutputStream(raw, 1 << 16)) {
                writer.write(out);
                out.flush();
                raw.getFD().sync();
            }
        });
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }
}
