package dev.outreach.store.jdbc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Copies a SQLite WAL back into the database file on its own thread and connection, a passive
 * checkpoint every {@value #EVERY_MILLIS} ms, so that the single writer does not stop its group
 * commits to copy a 40 MB WAL (which it otherwise did after the commit that crossed the
 * auto-checkpoint mark, holding every waiting decision for that long). A passive checkpoint
 * neither waits for nor blocks readers and the writer.
 *
 * <p>The writer's own auto-checkpoint stays on as the backstop: it finds most frames already copied,
 * and it is what lets the WAL start over from its beginning, because it runs between two commits.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    static final long EVERY_MILLIS = 100;

    private final DataSource connections;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "store-wal-checkpointer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean failing;

    private WalCheckpointer(DataSource connections) {
        this.connections = connections;
    }

    static WalCheckpointer start(DataSource connections) {
        WalCheckpointer checkpointer = new WalCheckpointer(connections);
        checkpointer.thread.scheduleWithFixedDelay(checkpointer::checkpoint, EVERY_MILLIS, EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
        return checkpointer;
    }

    /** @return the WAL frames copied back so far in this WAL's life, or -1 when the checkpoint failed */
    long checkpoint() {
        try (Connection c = connections.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
            if (failing) {
                LOG.info("WAL checkpoints work again");
                failing = false;
            }
            return rs.getLong(3);
        } catch (SQLException | RuntimeException e) {
            // the writer's auto-checkpoint still bounds the WAL; say so once, not every 100 ms
            if (!failing) {
                LOG.warn("WAL checkpoint failed ({}); the writer's auto-checkpoint still runs", e.getClass().getName());
                failing = true;
            }
            return -1;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
