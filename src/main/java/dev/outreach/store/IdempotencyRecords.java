package dev.outreach.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface IdempotencyRecords {

    Optional<StoredResponse> find(String key);

    /** Saves unless a response for the key exists; returns the one that is stored afterwards. */
    StoredResponse saveIfAbsent(StoredResponse response);

    /**
     * Stored responses whose body contains any of {@code fragments} (exact, case-sensitive
     * substrings such as a normalised address), oldest first; an empty collection matches nothing.
     */
    List<StoredResponse> containing(Collection<String> fragments);

    /**
     * Erasure: deletes the stored responses whose body contains any of {@code fragments}; a retry
     * with one of their keys then runs again instead of replaying.
     *
     * @return how many were deleted
     */
    int forgetContaining(Collection<String> fragments);
}
