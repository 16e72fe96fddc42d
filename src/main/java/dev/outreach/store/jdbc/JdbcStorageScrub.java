package dev.outreach.store.jdbc;

import dev.outreach.store.StorageScrub;
import dev.outreach.store.StoreException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * SQLite: every connection runs with {@code secure_delete} (Dialect), so deleted cells and freed
 * pages are zeroed; what remains are the old page images in {@code gateway.db-wal}, which a
 * {@code wal_checkpoint(TRUNCATE)} copies back and cuts to zero bytes. PostgreSQL: the touched
 * tables are VACUUMed, so the dead row versions the erasure left are removed from the live tables
 * (docs/postgresql.md says what an operator must still do about WAL archives and backups).
 * Runs on its own connection: VACUUM cannot run inside a transaction.
 */
public final class JdbcStorageScrub implements StorageScrub {

    private static final Pattern TABLE = Pattern.compile("[a-z_]{1,64}");
    /**
     * A truncating checkpoint cannot start while another checkpoint runs (the store's own, every
     * 100 ms, see {@link WalCheckpointer}), and SQLite answers "busy" at once rather than waiting;
     * so it is tried again after a pause, for up to {@code CHECKPOINT_TRIES * CHECKPOINT_PAUSE_MILLIS}.
     */
    private static final int CHECKPOINT_TRIES = 200;
    private static final long CHECKPOINT_PAUSE_MILLIS = 25;

    private final String url;
    private final String username;
    private final String password;

    public JdbcStorageScrub(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    @Override
    public Map<String, String> afterErasure(Set<String> tables) {
        try (Connection c = DriverManager.getConnection(url, username, password)) {
            c.setAutoCommit(true);
            return url.startsWith("jdbc:sqlite:") ? sqlite(c) : postgresql(c, tables);
        } catch (SQLException e) {
            throw new StoreException("scrubbing the database files after an erasure failed", e);
        }
    }

    private static Map<String, String> sqlite(Connection c) throws SQLException {
        Map<String, String> done = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            // The store's own connections run with secure_delete (Dialect); this one does too.
            s.execute("PRAGMA secure_delete = ON");
            done.put("sqlite.database", "secure_delete on: deleted rows, blanked values and freed pages are "
                    + "overwritten with zeros");
            for (int i = 0; i < CHECKPOINT_TRIES; i++) {
                try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    // Columns: busy (1 when a reader, writer or checkpoint was in the way), log frames, checkpointed.
                    if (rs.next() && rs.getInt(1) == 0) {
                        done.put("sqlite.wal", "checkpointed and truncated to zero bytes: no old page images remain");
                        return done;
                    }
                }
                pause();
            }
        }
        throw new SQLException("the WAL could not be checkpointed: other connections kept it busy");
    }

    private static void pause() throws SQLException {
        try {
            Thread.sleep(CHECKPOINT_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to checkpoint the WAL", e);
        }
    }

    private static Map<String, String> postgresql(Connection c, Set<String> tables) throws SQLException {
        Set<String> names = new TreeSet<>();
        tables.stream().filter(t -> TABLE.matcher(t).matches()).forEach(names::add);
        Map<String, String> done = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return done;
        }
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM " + String.join(", ", names));
        }
        done.put("postgresql.tables", "VACUUM " + String.join(", ", names)
                + ": dead row versions removed from the live tables");
        done.put("postgresql.wal-and-backups", "not reachable from here: WAL segments and backups keep old row "
                + "versions until they age out (see docs/postgresql.md)");
        return done;
    }
}
