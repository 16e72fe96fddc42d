package dev.outreach.store;

import java.util.List;
import java.util.Optional;

/** Runtime suppressions. An add is durable (committed) when the call returns. */
public interface Suppressions {

    void add(SuppressionEntry entry);

    Optional<SuppressionEntry> find(String id);

    /** Every entry of this type whose valueKey matches. */
    List<SuppressionEntry> findByKey(String type, String valueKey);

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
