package dev.outreach.store;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids of rows written under load (audit entries, touches): UUIDs of RFC 9562 version 7, whose first
 * 48 bits are the Unix millisecond of creation and the rest random. Rows inserted one after another
 * then sit together in their id index, so each group commit rewrites that index's last page instead
 * of one random page per row (a page written to the WAL at every commit). An id is an identifier,
 * not a secret: its reader already holds the row.
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    public static String next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
