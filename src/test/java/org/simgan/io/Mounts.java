package org.simgan.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Folders where writing fails as it does on a real machine: a small tmpfs that fills up (root only: {@code mount -t
 * tmpfs}), and a folder that takes no new files (a read-only tmpfs for root, for whom permissions do not count;
 * permissions r-x otherwise). A test that cannot have one is skipped with a message saying why.
 */
public final class Mounts {
    private Mounts() {
    }

    /** A prepared folder; closing it unmounts it or restores its permissions. */
    public interface Folder extends AutoCloseable {
        Path path();

        @Override
        void close() throws IOException;
    }

    /** The names in a folder, sorted. */
    public static java.util.List<String> names(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    public static boolean root() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A tmpfs of {@code size} (for example {@code 64k}) mounted on a new folder {@code dir}; skips the test when not root. */
    public static Folder full(Path dir, String size) throws IOException {
        Assumptions.assumeTrue(root(), "skipped: a disk-full test mounts a small tmpfs, which needs root (this runs as another user)");
        return tmpfs(dir, "size=" + size);
    }

    /** A folder that takes no new files. */
    public static Folder readOnly(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (root()) return tmpfs(dir, "ro,size=16k");
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        return new Folder() {
            @Override
            public Path path() {
                return dir;
            }

            @Override
            public void close() throws IOException {
                Files.setPosixFilePermissions(dir, before);
            }
        };
    }

    private static Folder tmpfs(Path dir, String options) throws IOException {
        Files.createDirectories(dir);
        String out = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString());
        Assumptions.assumeTrue(out == null, "skipped: cannot mount a tmpfs here (" + out + ")");
        return new Folder() {
            @Override
            public Path path() {
                return dir;
            }

            @Override
            public void close() throws IOException {
                String failed = run("umount", dir.toString());
                if (failed != null) run("umount", "-l", dir.toString());
            }
        };
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", command) + " did not finish";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.exitValue() == 0 ? null : String.join(" ", command) + ": " + text;
    }
}
