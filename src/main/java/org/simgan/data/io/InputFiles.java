package org.simgan.data.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks shared by every reader, so that a missing or unreadable input gets the same clear message everywhere. */
final class InputFiles {

    private InputFiles() {
    }

    static void requireReadableFile(Path file, String what) throws DataInputException {
        requireExists(file, what);
        if (Files.isDirectory(file)) {
            throw new DataInputException(what + " " + file + " is a folder, but a file is needed here; give the file inside it");
        }
        if (!Files.isReadable(file)) {
            throw new DataInputException("cannot read " + what + " " + file + ": permission denied; check its permissions");
        }
    }

    static void requireReadableFolder(Path folder, String what) throws DataInputException {
        requireExists(folder, what);
        if (!Files.isDirectory(folder)) {
            throw new DataInputException(what + " " + folder + " is not a folder; give the folder that holds the files");
        }
        if (!Files.isReadable(folder)) {
            throw new DataInputException("cannot read " + what + " " + folder + ": permission denied; check its permissions");
        }
    }

    static void requireExists(Path path, String what) throws DataInputException {
        if (!Files.exists(path)) {
            throw new DataInputException(what + " " + path + " does not exist; check the path (relative paths start at "
                    + Path.of("").toAbsolutePath() + ")");
        }
    }

    static String extension(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
