package dev.outreach.store;

import java.util.List;
import java.util.Optional;

/** Runtime suppressions. An add is durable (committed) when the call returns. */
public interface Suppressions {

    void add(SuppressionEntry entry);

    Optional<SuppressionEntry> find(String id);

    /** Every entry of this type whose valueKey matches. */
    List<SuppressionEntry> findByKey(String type, String valueKey);

    /** A type and pseudonym to look up. */
    record Key(String type, String valueKey) {
    }

    /** Every entry matching any of the keys, in one query (a check probes an address and its domains). */
    List<SuppressionEntry> findByKeys(List<Key> keys);

    /** Newest first; {@code type} optional. */
    List<SuppressionEntry> list(String type, int offset, int limit);

    boolean remove(String id);

    /**
     * Erasure: forgets the readable value of every entry with this valueKey (any type); the entries
     * and their pseudonym stay, so the person stays suppressed.
     *
     * @return how many entries had a readable value
     */
    int forgetValues(String valueKey);
}
