package dev.outreach.store;

import java.util.Map;
import java.util.Set;

/**
 * After an erasure has deleted or blanked rows: makes the old row versions unreadable in the
 * database's own files (old pages in the SQLite write-ahead log; dead tuples in PostgreSQL tables),
 * and says where it looked and what it did, for the erasure receipt.
 */
public interface StorageScrub {

    /**
     * @param tables the tables the erasure touched
     * @return per place (a file or a table group), what was done there, in words without personal data
     */
    Map<String, String> afterErasure(Set<String> tables);

    /** For stores without files of their own (tests with in-memory fakes). */
    StorageScrub NONE = tables -> Map.of();
}
