package org.simgan.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks every command makes on its outputs before it starts the work, so that a bad output is refused at once
 * (and a refused command changes nothing): an output is never one of the inputs (same path, a path through
 * {@code ..}, a symbolic or hard link), its folder exists and takes new files, a file output is not a folder. Also
 * the one translation of a failed write into a message that names the user's file: "no space left on device while
 * writing FILE", a permission or read-only problem, never a hidden temporary file.
 */
public final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * Refuses {@code output} when it is one of {@code inputs} (null inputs are skipped), whether named the same way,
     * through {@code ..} or through a link.
     *
     * @param what how the command calls the output, for example {@code --out} or {@code the report folder}
     */
    public static void requireNotAnInput(Path output, String what, Path... inputs) throws IOException {
        for (Path input : inputs) {
            if (input != null && same(output, input)) {
                throw new IOException("the output " + output + " (" + what + ") is the input " + input
                        + (output.equals(input) ? "" : " under another name") + ": choose another output name, inputs are never overwritten");
            }
        }
    }

    /** True when {@code a} and {@code b} name one file or folder (existing or not), through links and {@code ..} too. */
    public static boolean same(Path a, Path b) throws IOException {
        if (canonical(a).equals(canonical(b))) return true;
        return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    }

    /** The path with every existing part resolved (links, {@code ..}); the parts that do not exist yet appended as given. */
    static Path canonical(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    }

    /**
     * Checks that {@code file} can be written now: its folder exists and takes a new file, and it is not a folder.
     * Removes temporaries an earlier, killed write of the same file left behind.
     */
    public static void requireWritableFile(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path folder = abs.getParent();
        if (Files.isDirectory(abs)) throw new IOException("cannot write " + file + ": it is a folder; give a file name");
        if (folder == null || !Files.exists(folder)) {
            throw new IOException("cannot write " + file + ": the folder " + folder + " does not exist; create it first or choose another output path");
        }
        if (!Files.isDirectory(folder)) throw new IOException("cannot write " + file + ": " + folder + " is a file, not a folder");
        probe(folder, file);
        AtomicFile.removeStaleTemporaries(abs);
    }

    /**
     * Checks that {@code folder} can receive files: it is an existing folder that takes new files, or it does not
     * exist yet and the nearest existing folder above it takes new folders. Nothing is created.
     */
    public static void requireWritableFolder(Path folder) throws IOException {
        Path abs = folder.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) throw new IOException("cannot write into " + folder + ": it is a file, not a folder; give a folder");
            probe(abs, folder);
            return;
        }
        Path above = abs.getParent();
        while (above != null && !Files.exists(above)) above = above.getParent();
        if (above == null) throw new IOException("cannot create the folder " + folder + ": no folder above it exists");
        if (!Files.isDirectory(above)) throw new IOException("cannot create the folder " + folder + ": " + above + " is a file, not a folder");
        probe(above, folder);
    }

    /** Creates and removes a temporary file in {@code folder}: the one sure test that a write there can start. */
    private static void probe(Path folder, Path output) throws IOException {
        Path p = folder.resolve(AtomicFile.temporaryName(output.toAbsolutePath(), "probe", false));
        try {
            Files.createFile(p);
        } catch (IOException e) {
            throw failure(output, p, e);
        }
        Files.deleteIfExists(p);
    }

    /**
     * The exception to report for a failed write of {@code target} (through {@code temporary}): names the target,
     * says "no space left on device while writing" when the disk is full, or that the folder is read-only or not
     * writable. Other messages pass unchanged, with the temporary's name replaced by the target's.
     */
    public static IOException failure(Path target, Path temporary, Throwable e) {
        Path folder = target.toAbsolutePath().getParent();
        if (has(e, "No space left on device") || has(e, "Disk quota exceeded")) {
            return new IOException("no space left on device while writing " + target + "; free some space in " + folder
                    + " or choose another output folder", e);
        }
        if (has(e, "Read-only file system")) {
            return new IOException("cannot write " + target + ": " + folder + " is on a read-only file system; choose another output folder", e);
        }
        if (cause(e, AccessDeniedException.class) || has(e, "Permission denied")) {
            return new IOException("cannot write " + target + ": permission denied in " + folder
                    + "; choose a folder you may write to, or change its permissions", e);
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) return new IOException("cannot write " + target + ": " + e.getClass().getSimpleName(), e);
        if (temporary != null && (m.contains(temporary.toString()) || m.contains(temporary.getFileName().toString()))) {
            String fixed = m.replace(temporary.toString(), target.toString()).replace(temporary.getFileName().toString(), target.getFileName().toString());
            return new IOException(fixed.contains(target.toString()) ? fixed : "cannot write " + target + ": " + fixed, e);
        }
        if (e instanceof IOException io && !(e instanceof FileSystemException)) return io;
        return new IOException(m.contains(target.toString()) ? m : "cannot write " + target + ": " + m, e);
    }

    private static boolean has(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) return true;
            if (t instanceof FileSystemException f && f.getReason() != null && f.getReason().contains(text)) return true;
        }
        return false;
    }

    private static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }
}
