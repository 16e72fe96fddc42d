package dev.outreach.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.outreach.store.StoreException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs units of work on pooled connections: reads in autocommit, writes in a transaction that is
 * committed (durable) before the call returns. Every SQLException leaves as a {@link StoreException}
 * naming only the operation and the SQLState, never a value.
 */
final class Database {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    // Queues SQLite writers in the JVM instead of letting them spin in SQLite's busy handler.
    private final ReentrantLock writeLock = new ReentrantLock(true);

    Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    <T> T read(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    <T> T write(String operation, Work<T> work) {
        boolean locked = dialect.serialisesWritersInJvm();
        if (locked) {
            writeLock.lock();
        }
        try {
            return inTransaction(operation, work);
        } finally {
            if (locked) {
                writeLock.unlock();
            }
        }
    }

    /** A read that may hold a cursor open (streaming); runs in a transaction where the driver needs one. */
    <T> T readStreaming(String operation, Work<T> work) {
        return dialect.streamsOnlyInTransaction() ? inTransaction(operation, work) : read(operation, work);
    }

    boolean ping() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    void close() {
        dataSource.close();
    }

    private <T> T inTransaction(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
            // Commits (JDBC: leaving manual-commit mode commits). Not commit(): sqlite-jdbc's commit()
            // immediately BEGINs again, re-taking the write lock, and could fail after a successful commit.
            c.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private StoreException failure(String operation, SQLException e) {
        String state = e.getSQLState() != null ? e.getSQLState() : "vendor code " + e.getErrorCode();
        String message = operation + " failed (SQLState " + state + ")";
        return dialect.isUniqueViolation(e) ? new UniqueViolationException(message, e) : new StoreException(message, e);
    }
}
