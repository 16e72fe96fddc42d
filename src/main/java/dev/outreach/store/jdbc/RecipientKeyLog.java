package dev.outreach.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Adds, in the very transaction that stores a fact, one row per lookup key the fact is stored under
 * (its keyed fingerprint, never the key), so that every process on the same SQLite file learns of a
 * new recipient before it next decides ({@link JdbcKnownRecipients}). Rows are kept a day; a
 * process that has not read that far reads every key from the fact tables again.
 */
final class RecipientKeyLog {

    static final Duration KEPT = Duration.ofHours(24);
    /** Pruning is amortised: one DELETE per this many logged keys, in the transaction that logs the last. */
    private static final int PRUNE_EVERY = 10_000;

    private final KeyFingerprints fingerprints;
    private final AtomicInteger sincePrune = new AtomicInteger();

    /** @param fingerprints null when the database is shared by instances and no log is kept */
    RecipientKeyLog(KeyFingerprints fingerprints) {
        this.fingerprints = fingerprints;
    }

    /** Logs the non-null keys; must run on the connection of the transaction that stores the fact. */
    void note(Connection c, String... keys) throws SQLException {
        if (fingerprints == null) {
            return;
        }
        long at = System.currentTimeMillis();
        int logged = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO recipient_keys_log (fingerprint, at) VALUES (?, ?)")) {
            for (String key : keys) {
                if (key != null) {
                    ps.setLong(1, fingerprints.of(key));
                    ps.setLong(2, at);
                    ps.executeUpdate();
                    logged++;
                }
            }
        }
        if (sincePrune.addAndGet(logged) >= PRUNE_EVERY) {
            sincePrune.set(0);
            prune(c, at - KEPT.toMillis());
        }
    }

    /** Deletes rows logged before {@code cutoffMillis} and raises the mark that tells readers they are gone. */
    static void prune(Connection c, long cutoffMillis) throws SQLException {
        long through;
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM recipient_keys_log WHERE at < ?")) {
            ps.setLong(1, cutoffMillis);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                through = rs.getLong(1);
            }
        }
        if (through == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM recipient_keys_log WHERE seq <= ?")) {
            ps.setLong(1, through);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE recipient_keys_pruned SET through = ? WHERE through < ?")) {
            ps.setLong(1, through);
            ps.setLong(2, through);
            ps.executeUpdate();
        }
    }
}
