package org.simgan.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core output checks every command shares, atomic writes on a full disk, and stale temporaries. */
class OutputFilesTest {

    static List<String> names(Path dir) throws IOException {
        return Mounts.names(dir);
    }

    @Test
    void anOutputThatIsAnInputIsRefusedHoweverItIsNamed(@TempDir Path dir) throws IOException {
        Path input = Files.writeString(dir.resolve("x.tif"), "input");
        Files.createDirectories(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link.tif"), input);
        Path hard = Files.createLink(dir.resolve("hard.tif"), input);
        for (Path same : List.of(input, dir.resolve("sub").resolve("..").resolve("x.tif"), link, hard, Path.of(dir + "/./x.tif"))) {
            IOException e = assertThrows(IOException.class, () -> OutputFiles.requireNotAnInput(same, "--out", dir.resolve("other.tif"), input));
            assertTrue(e.getMessage().contains("is the input " + input) && e.getMessage().contains("inputs are never overwritten"), e.getMessage());
        }
        // through a linked folder, to a file that does not exist yet
        Path linkedDir = Files.createSymbolicLink(dir.resolve("alias"), dir);
        assertTrue(OutputFiles.same(linkedDir.resolve("new.tif"), dir.resolve("new.tif")));
        OutputFiles.requireNotAnInput(dir.resolve("y.tif"), "--out", input, null);
        assertEquals("input", Files.readString(input));
    }

    @Test
    void aMissingOrReadOnlyFolderIsRefusedNamingTheUsersFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nowhere").resolve("out.tif");
        IOException e = assertThrows(IOException.class, () -> OutputFiles.requireWritableFile(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
        e = assertThrows(IOException.class, () -> OutputFiles.requireWritableFile(dir));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        try (Mounts.Folder ro = Mounts.readOnly(dir.resolve("ro"))) {
            Path target = ro.path().resolve("out.h5");
            for (var attempt : List.<org.junit.jupiter.api.function.Executable>of(
                    () -> OutputFiles.requireWritableFile(target),
                    () -> OutputFiles.requireWritableFolder(ro.path().resolve("run")),
                    () -> AtomicFile.write(target, new byte[10]))) {
                e = assertThrows(IOException.class, attempt);
                assertTrue(e.getMessage().contains(ro.path().toString()), e.getMessage());
                assertFalse(e.getMessage().contains(".part") || e.getMessage().contains(".probe"), "names no temporary file: " + e.getMessage());
                assertTrue(e.getMessage().contains("read-only") || e.getMessage().contains("permission denied"), e.getMessage());
            }
            assertEquals(List.of(), names(ro.path()));
        }
    }

    @Test
    void aFullDiskIsReportedAsSuchAndKeepsTheOldFile(@TempDir Path dir) throws IOException {
        try (Mounts.Folder full = Mounts.full(dir.resolve("full"), "64k")) {
            Path target = full.path().resolve("checkpoint.simgan");
            AtomicFile.write(target, "previous".getBytes());
            IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, new byte[1 << 20]));
            assertTrue(e.getMessage().startsWith("no space left on device while writing " + target), e.getMessage());
            assertEquals("previous", Files.readString(target));
            assertEquals(List.of("checkpoint.simgan"), names(full.path()), "no temporary left behind");

            // a folder written atomically: all of it, or nothing
            Path report = full.path().resolve("report");
            e = assertThrows(IOException.class, () -> AtomicFolder.write(report, Set.of("a", "b"), tmp -> {
                Files.write(tmp.resolve("a"), new byte[100]);
                AtomicFile.write(tmp.resolve("b"), new byte[1 << 20]);
            }));
            assertTrue(e.getMessage().startsWith("no space left on device while writing " + report.resolve("b")), e.getMessage());
            assertFalse(e.getMessage().contains(".part"), e.getMessage());
            assertEquals(List.of("checkpoint.simgan"), names(full.path()), "no partial report, no temporary folder");
        }
    }

    @Test
    void aReportFolderReplacesAnEarlierReportWholeAndRefusesAForeignFolder(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report");
        AtomicFolder.write(report, Set.of("a", "b"), tmp -> {
            Files.writeString(tmp.resolve("a"), "1");
            Files.writeString(tmp.resolve("b"), "1");
        });
        AtomicFolder.write(report, Set.of("a", "b"), tmp -> Files.writeString(tmp.resolve("a"), "2"));
        assertEquals(List.of("a"), names(report));
        assertEquals("2", Files.readString(report.resolve("a")));
        Files.writeString(report.resolve("mine.txt"), "keep");
        IOException e = assertThrows(IOException.class, () -> AtomicFolder.check(report, Set.of("a", "b")));
        assertTrue(e.getMessage().contains("mine.txt"), e.getMessage());
        assertEquals(List.of("report"), names(dir));
    }

    @Test
    void temporariesAKilledProcessLeftAreRemovedOnTheNextWriteOfTheSameTarget(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        long dead = p.pid();
        long self = ProcessHandle.current().pid();
        // as the issue found them (an earlier version's names), and as this version names them
        Path legacy = Files.createFile(dir.resolve(".checkpoint.simgan.15650371913639284613.part.simgan"));
        Path killed = Files.createFile(dir.resolve(".checkpoint.simgan." + dead + "-1x2y.part.simgan"));
        Path running = Files.createFile(dir.resolve(".checkpoint.simgan." + self + "-3z.part.simgan"));
        Path otherTarget = Files.createFile(dir.resolve(".x.h5.15650371913639284613.part.h5"));
        Path killedFolder = Files.createDirectories(dir.resolve(".report." + dead + "-4w.part"));
        Files.writeString(killedFolder.resolve("summary.csv"), "half");
        AtomicFile.write(dir.resolve("checkpoint.simgan"), new byte[] {1, 2, 3});
        assertFalse(Files.exists(legacy) || Files.exists(killed), "stale temporaries of the target are gone");
        assertTrue(Files.exists(running), "a temporary of a running process (this one) is kept");
        assertTrue(Files.exists(otherTarget) && Files.exists(killedFolder), "temporaries of other targets are not touched");
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("checkpoint.simgan")));
        // checking an output at the start of a command removes them too, and so does writing a report folder
        OutputFiles.requireWritableFile(dir.resolve("x.h5"));
        assertFalse(Files.exists(otherTarget));
        AtomicFolder.write(dir.resolve("report"), Set.of("summary.csv"), tmp -> Files.writeString(tmp.resolve("summary.csv"), "whole"));
        assertFalse(Files.exists(killedFolder));
        assertEquals(List.of(".checkpoint.simgan." + self + "-3z.part.simgan", "checkpoint.simgan", "report"), names(dir));
    }
}
