package org.simgan.io;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a half-written file:
 * the content goes to a temporary file in the target's folder, which then replaces the target by a rename. An
 * interrupted or failed write leaves the previous file (for example the last good checkpoint) untouched and no
 * temporary file behind; a failure names the target (never the temporary file) and says "no space left on device"
 * when that is the cause. Temporary files are named {@code .NAME.PID-RANDOM.part.EXT}; those a killed process left
 * behind (its PID no longer running) are removed the next time the same target is written or checked.
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
        removeStaleTemporaries(absolute);
        // same folder, so the rename stays on one file system; same extension, for writers that look at it.
        // The path is free: some writers refuse to overwrite an existing file.
        Path temporary = folder.resolve(temporaryName(absolute, "part", true));
        boolean moved = false;
        try {
            writer.writeTo(temporary);
            if (!Files.isRegularFile(temporary)) throw new IOException("the writer produced no file for " + target);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (IOException | RuntimeException e) {
            throw OutputFiles.failure(target, temporary, e);
        } finally {
            if (!moved) deleteQuietly(temporary);
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

    /**
     * A free name beside {@code target} for a temporary of this process: {@code .NAME.PID-RANDOM.KIND}, plus the
     * target's extension when {@code withExtension} (writers that pick the format by the extension need it).
     */
    static String temporaryName(Path target, String kind, boolean withExtension) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = withExtension && dot > 0 ? "." + name.substring(dot + 1) : "";
        String token = ProcessHandle.current().pid() + "-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        return "." + name + "." + token + "." + kind + extension;
    }

    /**
     * Removes the temporary files and folders of {@code target} that a process no longer running left behind (a kill
     * during a write), including those of earlier versions ({@code .NAME.DIGITS.part.EXT}). Temporaries of running
     * processes, this one included, are kept: they may be being written right now.
     *
     * @return how many were removed
     */
    public static int removeStaleTemporaries(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null || absolute.getFileName() == null || !Files.isDirectory(folder)) return 0;
        String prefix = "." + absolute.getFileName() + ".";
        List<Path> stale;
        try (Stream<Path> s = Files.list(folder)) {
            stale = s.filter(p -> isStaleTemporary(p.getFileName().toString(), prefix)).toList();
        } catch (IOException e) {
            return 0; // an unreadable folder: the write itself will say what is wrong
        }
        int removed = 0;
        for (Path p : stale) {
            try {
                deleteRecursively(p);
                removed++;
            } catch (IOException e) {
                // left for a later start; never a reason to fail the write
            }
        }
        return removed;
    }

    private static boolean isStaleTemporary(String name, String prefix) {
        if (!name.startsWith(prefix)) return false;
        String rest = name.substring(prefix.length());
        int dot = rest.indexOf('.');
        if (dot <= 0) return false;
        String token = rest.substring(0, dot), kind = rest.substring(dot + 1);
        if (!(kind.equals("part") || kind.startsWith("part.") || kind.equals("old") || kind.equals("probe"))) return false;
        int dash = token.indexOf('-');
        if (dash < 0) return token.chars().allMatch(Character::isDigit); // an earlier version's Files.createTempFile name
        long pid;
        try {
            pid = Long.parseLong(token.substring(0, dash));
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == ProcessHandle.current().pid()) return false;
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    /** Deletes a temporary after a failure; a failure to delete must not hide the failure that matters. */
    static void deleteQuietly(Path p) {
        try {
            deleteRecursively(p);
        } catch (IOException e) {
            // removed by the next start (removeStaleTemporaries)
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.list(p)) {
                for (Path c : s.toList()) deleteRecursively(c);
            }
        }
        Files.deleteIfExists(p);
    }
}
