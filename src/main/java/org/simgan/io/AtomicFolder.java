package org.simgan.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a folder of files (a report) so that it appears complete or not at all: the files go into a temporary
 * folder beside it ({@code .NAME.PID-RANDOM.part}), which is renamed to the folder's name at the end. A folder that
 * exists already may be empty or hold an earlier version (only files of the given names); it is replaced whole.
 * A folder that holds anything else is refused before any work, so nothing of the user's is ever deleted.
 */
public final class AtomicFolder {
    private AtomicFolder() {
    }

    /** Writes the folder's files into the (temporary) folder it is given. */
    @FunctionalInterface
    public interface FolderWriter {
        void writeInto(Path temporaryFolder) throws IOException;
    }

    /**
     * Checks, before the work, that {@code folder} can be written with {@link #write}: it does not exist yet (and can
     * be created), or is a folder that holds nothing but files named in {@code own}.
     */
    public static void check(Path folder, Set<String> own) throws IOException {
        OutputFiles.requireWritableFolder(folder);
        if (!Files.isDirectory(folder)) return;
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !own.contains(n)).sorted().forEach(foreign::add);
        }
        if (!foreign.isEmpty()) {
            throw new IOException("the output folder " + folder + " holds files that are not part of an earlier report ("
                    + String.join(", ", foreign.subList(0, Math.min(5, foreign.size()))) + (foreign.size() > 5 ? ", ..." : "")
                    + "): choose a new or empty folder, so that nothing in it is replaced");
        }
        Path parent = folder.toAbsolutePath().normalize().getParent();
        if (parent != null) OutputFiles.requireWritableFolder(parent);
    }

    /** Writes {@code folder} through {@code writer}; on failure nothing is left but the folder as it was before. */
    public static void write(Path folder, Set<String> own, FolderWriter writer) throws IOException {
        check(folder, own);
        Path abs = folder.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        AtomicFile.removeStaleTemporaries(abs);
        Path temporary = parent.resolve(AtomicFile.temporaryName(abs, "part", false));
        boolean done = false;
        try {
            try {
                Files.createDirectory(temporary);
            } catch (IOException e) {
                throw OutputFiles.failure(folder, temporary, e);
            }
            try {
                writer.writeInto(temporary);
            } catch (IOException | RuntimeException e) {
                // name the user's folder, never the temporary one: "no space left on device while writing report/montage.png"
                String m = e.getMessage();
                if (m != null && m.contains(temporary.toString())) throw new IOException(m.replace(temporary.toString(), abs.toString()), e);
                if (m != null && m.contains(temporary.getFileName().toString())) {
                    throw new IOException(m.replace(temporary.getFileName().toString(), abs.getFileName().toString()), e);
                }
                throw OutputFiles.failure(folder, temporary, e);
            }
            if (Files.isDirectory(abs)) {
                Path old = parent.resolve(AtomicFile.temporaryName(abs, "old", false));
                move(abs, old);
                try {
                    move(temporary, abs);
                } catch (IOException e) {
                    move(old, abs);
                    throw e;
                }
                AtomicFile.deleteRecursively(old);
            } else {
                move(temporary, abs);
            }
            done = true;
        } finally {
            if (!done) AtomicFile.deleteQuietly(temporary);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
