package dev.outreach.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.audit.AuditTrail;
import dev.outreach.store.Store;
import dev.outreach.store.jdbc.JdbcStore;
import dev.outreach.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key found active is remembered for two seconds; revoking it here refuses it at once, and a
 * revocation by another instance (straight into the shared store) is honoured within those seconds.
 */
class AccessKeysTest {

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();
    private Store store;
    private AccessKeys keys;

    @BeforeEach
    void open() {
        store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("keys.db"), null, null);
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        AuditTrail audit = new AuditTrail(store.audit(), store.transactions(), new ObjectMapper(), clock,
                new SimpleMeterRegistry());
        keys = new AccessKeys(store.apiKeys(), audit, clock, nanos::get);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aKeyRevokedHereIsRefusedOnTheNextRequest() {
        AccessKeys.Issued issued = store.transactions().atomically("issue", () -> keys.issue("ann", "REP", Actor.SYSTEM));
        assertThat(keys.authenticate(issued.plaintext())).isPresent();

        store.transactions().atomically("revoke", () -> keys.revoke(issued.record().id(), Actor.SYSTEM));

        assertThat(keys.authenticate(issued.plaintext())).isEmpty();
    }

    @Test
    void aKeyRevokedByAnotherInstanceIsRefusedWithinTwoSeconds() {
        AccessKeys.Issued issued = store.transactions().atomically("issue", () -> keys.issue("ann", "REP", Actor.SYSTEM));
        assertThat(keys.authenticate(issued.plaintext())).isPresent();

        store.transactions().atomically("revoke elsewhere",
                () -> store.apiKeys().revoke(issued.record().id(), Instant.parse("2026-12-04T10:00:01Z")));
        nanos.addAndGet(Duration.ofMillis(1_900).toNanos());
        assertThat(keys.authenticate(issued.plaintext())).as("still remembered").isPresent();
        nanos.addAndGet(Duration.ofMillis(200).toNanos());

        assertThat(keys.authenticate(issued.plaintext())).isEmpty();
    }

    @Test
    void anUnknownKeyIsNotRememberedSoAKeyCreatedElsewhereWorksAtOnce() {
        assertThat(keys.authenticate("og_not-yet-created-0123456789")).isEmpty();
        store.transactions().atomically("issue elsewhere", () -> {
            store.apiKeys().create(new dev.outreach.store.ApiKey("id-2", "bob", "REP",
                    AccessKeys.hash("og_not-yet-created-0123456789"), Instant.parse("2026-12-04T10:00:00Z"), null));
            return null;
        });

        assertThat(keys.authenticate("og_not-yet-created-0123456789")).isPresent();
    }
}
