package dev.outreach.suppression;

import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;

/**
 * Size and modification time of a list file when it was last read: the cheap test that lets a
 * poll skip re-reading (and re-hashing) gigabytes that have not changed.
 *
 * @param readAt wall-clock time the attributes were taken, just before the read
 */
record FileStamp(long size, Instant modified, Instant readAt) {

    /**
     * Coarser than any common filesystem's timestamp resolution (FAT: 2 s; ext3, HFS+, some NFS:
     * 1 s).
     */
    private static final Duration TIMESTAMP_GRANULARITY = Duration.ofSeconds(2);

    static FileStamp of(BasicFileAttributes attributes, Instant readAt) {
        return new FileStamp(attributes.size(), attributes.lastModifiedTime().toInstant(), readAt);
    }

    /**
     * Git's "racily clean" rule: a file modified within one timestamp tick of when it was read may
     * have been written again in that same tick, keeping size and mtime. Such a file is never
     * trusted to be unchanged; it is re-read (and the content hash decides) until its mtime is
     * safely older than the read.
     */
    boolean provesUnchanged(BasicFileAttributes now) {
        return size == now.size()
                && modified.equals(now.lastModifiedTime().toInstant())
                && modified.isBefore(readAt.minus(TIMESTAMP_GRANULARITY));
    }
}
