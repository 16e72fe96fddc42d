package dev.outreach.suppression;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** Reads a file's attributes, treating failure as "unknown" so the caller re-reads the file. */
final class FileAttributes {

    private FileAttributes() {
    }

    static Optional<BasicFileAttributes> of(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
