package dev.outreach.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/** The few places where SQLite and PostgreSQL need different handling; the SQL itself is shared. */
enum Dialect {

    SQLITE("sqlite") {
        @Override
        void configure(HikariConfig config, String jdbcUrl) {
            createParentDirectory(jdbcUrl);
            // SQLite allows one writer at a time, so more connections only help concurrent readers (WAL).
            config.setMaximumPoolSize(4);
            Properties pragmas = new Properties();
            pragmas.setProperty("journal_mode", "WAL");
            pragmas.setProperty("synchronous", "FULL");
            // A checkpoint copies each page once however many group commits rewrote it in the WAL;
            // at 10,000 pages (about 40 MB of WAL) the busiest index pages are copied far less often
            // than at the default 1,000, which under load checkpointed every few groups.
            pragmas.setProperty("wal_autocheckpoint", "10000");
            pragmas.setProperty("foreign_keys", "true");
            pragmas.setProperty("secure_delete", "true"); // erased rows leave zeros, not readable bytes
            pragmas.setProperty("busy_timeout", "10000");
            // LIKE compares case-sensitively as in PostgreSQL, so audit rule filters behave the same.
            pragmas.setProperty("case_sensitive_like", "true");
            // Write transactions take the write lock at BEGIN: a deferred transaction that reads first
            // fails with SQLITE_BUSY when it upgrades to write, instead of waiting, if another process wrote.
            pragmas.setProperty("transaction_mode", "IMMEDIATE");
            // The pools open connections here rather than from the URL, so that each connection keeps
            // its prepared statements compiled (sqlite-jdbc compiles again on every prepareStatement).
            config.setDataSource(new SqliteConnections(jdbcUrl, pragmas));
        }

        /**
         * Every unit of a group runs in a savepoint, and SQLite copies each page a unit changes into
         * that savepoint's journal first: with temp files that journal was most of the writer's
         * write calls (about 40 pages a send). In memory it lives only until the unit is released;
         * units are bounded (a decision, 500 imported leads, 10,000 pruned audit entries). A larger
         * page cache keeps a group's dirty pages and the hot index pages instead of re-reading them.
         */
        @Override
        void configureWriter(HikariConfig writer) {
            SqliteConnections readers = (SqliteConnections) writer.getDataSource();
            writer.setDataSource(readers.withPragma("temp_store", "MEMORY")
                    .withPragma("cache_size", String.valueOf(WRITER_CACHE_KIB)));
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return e instanceof SQLiteException s
                    && (s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                    || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
        }

        @Override
        boolean locksRecipientsInDatabase() {
            // One process writes the file; the JVM stripe is the whole lock.
            return false;
        }

        @Override
        boolean checkpointsInBackground() {
            return true;
        }

        @Override
        boolean keepsRecipientKeyLog() {
            // Writes commit one at a time, so log rows become visible in seq order and a reader
            // that has seen seq n has seen every row before it.
            return true;
        }

        @Override
        void lockAuditHead(Connection connection) {
            // The transaction began with BEGIN IMMEDIATE and holds the database's only write lock.
        }

        @Override
        String skipLockedClause() {
            return "";
        }

        @Override
        boolean streamsOnlyInTransaction() {
            return false;
        }
    },

    POSTGRESQL("postgresql") {
        /** Key of the advisory lock that serialises audit appends across every gateway instance ("outreach"). */
        private static final long AUDIT_APPEND_LOCK = 0x6f75747265616368L;

        @Override
        void configure(HikariConfig config, String jdbcUrl) {
            // Deciding threads hold a connection for their recipient lock while they wait for the commit.
            config.setMaximumPoolSize(32);
            // Server "Detail" lines carry row values ("Key (id)=(...) already exists"); keep them out of
            // exception messages so that logs hold no personal data.
            config.addDataSourceProperty("logServerErrorDetail", "false");
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }

        @Override
        boolean locksRecipientsInDatabase() {
            return true;
        }

        @Override
        boolean checkpointsInBackground() {
            return false; // PostgreSQL's own checkpointer does this
        }

        @Override
        boolean keepsRecipientKeyLog() {
            // Concurrent transactions commit out of sequence order, so "every row up to n" cannot
            // be read from a sequence; every instance reads the facts from the database instead.
            return false;
        }

        @Override
        void lockAuditHead(Connection connection) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, AUDIT_APPEND_LOCK);
                ps.execute();
            }
        }

        @Override
        String skipLockedClause() {
            return " FOR UPDATE SKIP LOCKED";
        }

        @Override
        boolean streamsOnlyInTransaction() {
            // pgjdbc ignores the fetch size and reads the whole result in autocommit mode.
            return true;
        }
    };

    /** The SQLite writer's page cache, as the pragma takes it: negative means KiB (64 MiB). */
    static final int WRITER_CACHE_KIB = -65_536;

    private final String displayName;

    Dialect(String displayName) {
        this.displayName = displayName;
    }

    static Dialect of(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("store URL must start with jdbc:sqlite: or jdbc:postgresql:, was "
                + scheme(jdbcUrl) + "...");
    }

    /** "jdbc:mysql:" from a URL; only this part is echoed in errors, as the rest may carry a password. */
    private static String scheme(String jdbcUrl) {
        int first = jdbcUrl.indexOf(':');
        int second = first < 0 ? -1 : jdbcUrl.indexOf(':', first + 1);
        return second < 0 ? "(no scheme)" : jdbcUrl.substring(0, second + 1);
    }

    String displayName() {
        return displayName;
    }

    String migrationLocation() {
        return "classpath:db/migration/" + displayName;
    }

    /** Pool size and connection settings for this database. */
    abstract void configure(HikariConfig config, String jdbcUrl);

    /** Settings of the single writer's connection that differ from the readers' ({@code configure}'s copy). */
    void configureWriter(HikariConfig writer) {
    }

    abstract boolean isUniqueViolation(SQLException e);

    /** True when recipient locks must also hold across instances (a database shared by several gateways). */
    abstract boolean locksRecipientsInDatabase();

    /** Whether the store copies its write-ahead log back on a thread of its own ({@link WalCheckpointer}). */
    abstract boolean checkpointsInBackground();

    /** Whether writes log their lookup keys for {@link JdbcKnownRecipients}. */
    abstract boolean keepsRecipientKeyLog();

    /** Inside a write transaction: blocks until no other appender, on any instance, can read or move the head. */
    abstract void lockAuditHead(Connection connection) throws SQLException;

    /** Appended to a row-locking subquery so concurrent workers skip rows another worker holds. */
    abstract String skipLockedClause();

    /** True when a result set streams (honours the fetch size) only inside a transaction. */
    abstract boolean streamsOnlyInTransaction();

    private static void createParentDirectory(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        path = query >= 0 ? path.substring(0, query) : path;
        path = path.startsWith("file:") ? path.substring("file:".length()) : path;
        if (path.isEmpty() || path.contains(":memory:")) {
            throw new IllegalArgumentException("in-memory SQLite is not supported: every pooled connection would "
                    + "see its own empty database; give a file path");
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the SQLite directory " + parent, e);
        }
    }
}
