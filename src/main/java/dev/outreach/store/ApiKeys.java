package dev.outreach.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface ApiKeys {

    void create(ApiKey key);

    /** Active (not revoked) key with this hash. */
    Optional<ApiKey> findActiveByHash(String keyHash);

    List<ApiKey> list();

    boolean revoke(String id, Instant at);

    long countActive();
}
