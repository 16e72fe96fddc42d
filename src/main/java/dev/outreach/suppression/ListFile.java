package dev.outreach.suppression;

import java.nio.file.Path;

/**
 * Something in a kind folder that should be a list: a list file, or an entry that cannot be one
 * (a folder named like a list, a file type the folder does not accept, the kind folder itself when
 * it cannot be listed).
 *
 * @param name    path relative to the lists root with forward slashes, e.g. {@code email/a.txt}
 * @param format  how to read it, or null when {@code problem} is set
 * @param problem why it cannot be read, or null
 */
record ListFile(String name, Path path, ListKind kind, ListFormat format, String problem) {

    static ListFile readable(String name, Path path, ListKind kind, ListFormat format) {
        return new ListFile(name, path, kind, format, null);
    }

    static ListFile unreadable(String name, Path path, ListKind kind, String problem) {
        return new ListFile(name, path, kind, null, problem);
    }
}
