package dev.outreach.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.outreach.store.StoreException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs units of work on pooled connections: reads in autocommit, writes through the store's single
 * {@link GroupCommitWriter}, committed (durable) before the call returns. Every SQLException leaves
 * as a {@link StoreException} naming only the operation and the SQLState, never a value.
 *
 * <p>A connection may be bound to the current thread: the writer's transaction on the writer's
 * thread (reads and writes join it), or a recipient lock's connection on a deciding thread (reads
 * join it, so they run after the lock was granted; writes still go to the writer).
 *
 * <p>On SQLite every pooled connection, the writer's included, keeps its prepared statements
 * compiled ({@link SqliteConnections}, {@link StatementCache}): a unit of work prepares and closes
 * statements as usual and gets a compiled one back for SQL its connection ran before.
 */
final class Database {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private record Bound(Connection connection, boolean writable) {
    }

    /** Recipient locks striped in the JVM: bounded memory, rare false sharing between recipients. */
    private static final int STRIPES = 1024;

    private final HikariDataSource dataSource;
    private final HikariDataSource writerSource;
    private final Dialect dialect;
    private final ThreadLocal<Bound> bound = new ThreadLocal<>();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final GroupCommitWriter writer;
    /** SQLite only; null on PostgreSQL, which checkpoints by itself. */
    private final WalCheckpointer checkpointer;

    Database(HikariDataSource dataSource, HikariDataSource writerSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.writerSource = writerSource;
        this.dialect = dialect;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.writer = new GroupCommitWriter(writerSource::getConnection,
                c -> bound.set(c == null ? null : new Bound(c, true)), this::failure);
        this.checkpointer = dialect.checkpointsInBackground() ? WalCheckpointer.start(dataSource) : null;
    }

    Dialect dialect() {
        return dialect;
    }

    <T> T read(String operation, Work<T> work) {
        Bound b = bound.get();
        if (b != null) {
            return runOn(b.connection(), operation, work);
        }
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    /** Joins the writer's transaction when called from inside a unit; otherwise a unit of its own. */
    <T> T write(String operation, Work<T> work) {
        Bound b = bound.get();
        if (b != null && b.writable()) {
            return runOn(b.connection(), operation, work);
        }
        return writer.submit(operation, work);
    }

    /** {@link dev.outreach.store.Transactions#atomically}: the unit's repository writes join one transaction. */
    <T> T atomically(String operation, Supplier<T> unit) {
        return write(operation, c -> unit.get());
    }

    /**
     * {@link dev.outreach.store.Transactions#serialisedFor}: a JVM stripe for this instance, and on
     * PostgreSQL a transaction-level advisory lock on a connection bound to this thread, so other
     * instances wait too and this thread's reads run after the lock was granted.
     */
    <T> T serialisedFor(String recipientKey, Supplier<T> work) {
        ReentrantLock stripe = stripes[Math.floorMod(recipientKey.hashCode(), STRIPES)];
        stripe.lock();
        try {
            if (!dialect.locksRecipientsInDatabase() || bound.get() != null) {
                return work.get();
            }
            return underAdvisoryLock(recipientKey, work);
        } finally {
            stripe.unlock();
        }
    }

    private <T> T underAdvisoryLock(String recipientKey, Supplier<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    ps.setLong(1, lockKey(recipientKey));
                    ps.execute();
                }
                bound.set(new Bound(c, false));
                return work.get();
            } finally {
                bound.remove();
                // Nothing was written on this connection; ending the transaction releases the lock.
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("recipient lock", e);
        }
    }

    /** 64 bits of the pseudonym's SHA-256, so the lock key space cannot be steered by its text. */
    static long lockKey(String recipientKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(recipientKey.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void afterThisCommits(Runnable action) {
        writer.afterThisCommits(action);
    }

    void afterCommit(Consumer<List<String>> listener) {
        writer.afterCommit(listener);
    }

    /** A read that may hold a cursor open (streaming); runs in a transaction where the driver needs one. */
    <T> T readStreaming(String operation, Work<T> work) {
        if (bound.get() != null || !dialect.streamsOnlyInTransaction()) {
            return read(operation, work);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                return work.run(c);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    boolean ping() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        writer.close();
        writerSource.close();
        dataSource.close();
    }

    private <T> T runOn(Connection c, String operation, Work<T> work) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    StoreException failure(String operation, SQLException e) {
        String state = e.getSQLState() != null ? e.getSQLState() : "vendor code " + e.getErrorCode();
        String message = operation + " failed (SQLState " + state + ")";
        return dialect.isUniqueViolation(e) ? new UniqueViolationException(message, e) : new StoreException(message, e);
    }
}
