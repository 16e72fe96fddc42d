package dev.outreach.store;

import java.util.Optional;

public interface IdempotencyRecords {

    Optional<StoredResponse> find(String key);

    /** Saves unless a response for the key exists; returns the one that is stored afterwards. */
    StoredResponse saveIfAbsent(StoredResponse response);
}
