package dev.outreach.suppression;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a new or changed list file has stopped changing and may be read: its size and
 * modification time are the same as at the previous look (two polls apart), or a {@code <file>.ready}
 * marker sits next to it (written by the producer after the file is complete). A file still being
 * written in place is never read half-way; until it settles, the version in force stays in force.
 * Not thread-safe: used under the lists' reload lock.
 */
final class FileSettling {

    static final String READY_SUFFIX = ".ready";

    private record Look(long size, Instant modified) {
    }

    private final Map<Path, Look> lastLook = new HashMap<>();

    /** Whether {@code file} may be read now; remembers this look for the next call. */
    boolean settled(Path file, BasicFileAttributes now) {
        Look look = new Look(now.size(), now.lastModifiedTime().toInstant());
        Look before = lastLook.put(file, look);
        return look.equals(before) || Files.exists(readyMarker(file));
    }

    /** Forgets files no longer present, so the memory is bounded by the folder's content. */
    void retainOnly(Set<Path> present) {
        lastLook.keySet().retainAll(present);
    }

    static Path readyMarker(Path file) {
        return file.resolveSibling(file.getFileName() + READY_SUFFIX);
    }
}
