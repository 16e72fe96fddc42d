package dev.outreach.store.jdbc;

import dev.outreach.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.BiFunction;

/**
 * The single writer of a store: takes the units of work of concurrent callers and commits them as
 * one transaction, so one fsync makes many decisions durable (group commit). Each unit runs inside
 * a savepoint, so a unit that fails is undone alone. A caller is answered only after its group's
 * commit returned.
 *
 * <p>The writer keeps its own connection (from a pool of one), so callers that hold pooled
 * connections while they wait can never starve it. On the writer's thread the transaction is bound
 * to the thread ({@link Database}), so repository calls made by a unit join it.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** Bounds one transaction's size, so a burst is split into groups that each commit promptly. */
    private static final int MAX_GROUP = 512;

    private record Unit<T>(String operation, Database.Work<T> work, CompletableFuture<T> done) {
    }

    /** Queued last by {@link #close}: the writer commits what came before it, then stops. */
    private static final Unit<Object> STOP = new Unit<>("stop", c -> null, new CompletableFuture<>());

    private final BlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
    private final List<Consumer<List<String>>> listeners = new CopyOnWriteArrayList<>();
    private final ConnectionSource connections;
    private final BiFunction<String, SQLException, RuntimeException> failure;
    private final Thread thread;
    private volatile boolean closed;

    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** Binds the writer's connection to its thread while a group runs. */
    @FunctionalInterface
    interface Binding {
        void bind(Connection connection);
    }

    private final Binding binding;
    /** Actions of the running unit (writer thread only), kept if it succeeds, dropped if it rolls back. */
    private final List<Runnable> unitActions = new ArrayList<>();
    /** Actions of the units of the running group, run once the group has committed. */
    private final List<Runnable> groupActions = new ArrayList<>();

    GroupCommitWriter(ConnectionSource connections, Binding binding, BiFunction<String, SQLException, RuntimeException> failure) {
        this.connections = connections;
        this.binding = binding;
        this.failure = failure;
        this.thread = new Thread(this::run, "store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    void afterCommit(Consumer<List<String>> listener) {
        listeners.add(listener);
    }

    /**
     * Inside a unit: runs {@code action} after the unit's group has committed, or never if the unit
     * rolls back. Outside a unit nothing is pending, so it runs at once.
     */
    void afterThisCommits(Runnable action) {
        if (isWriterThread()) {
            unitActions.add(action);
        } else {
            action.run();
        }
    }

    /** Queues {@code work} and waits until its group is committed (or it failed). */
    <T> T submit(String operation, Database.Work<T> work) {
        if (closed) {
            throw new StoreException(operation + " refused: the store is closed", null);
        }
        if (isWriterThread()) {
            // Only an after-commit action runs here unbound; queueing would wait for this very thread.
            throw new IllegalStateException(operation + ": an after-commit action may not write");
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        queue.add(new Unit<>(operation, work, done));
        try {
            // Uninterruptible: a caller must not answer before it knows whether its unit committed.
            return done.join();
        } catch (CompletionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new StoreException("write failed", cause);
    }

    private void run() {
        List<Unit<?>> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            boolean stop = group.remove(STOP);
            try {
                if (!group.isEmpty()) {
                    commitGroup(group);
                }
            } catch (RuntimeException | Error e) {
                LOG.error("store writer failed a group of {} units", group.size(), e);
                group.forEach(u -> u.done().completeExceptionally(e));
            }
            group.clear();
            if (stop) {
                break;
            }
        }
        Unit<?> left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new StoreException(left.operation() + " refused: the store closed", null));
        }
    }

    private void commitGroup(List<Unit<?>> group) {
        List<Object> results = new ArrayList<>(group.size());
        List<Throwable> failures = new ArrayList<>(group.size());
        List<String> committed = new ArrayList<>(group.size());
        try (Connection c = connections.open()) {
            c.setAutoCommit(false);
            binding.bind(c);
            try {
                for (Unit<?> unit : group) {
                    runUnit(c, unit, results, failures, committed);
                }
                // Leaving manual-commit mode commits; sqlite-jdbc's commit() would BEGIN again at once.
                c.setAutoCommit(true);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                binding.bind(null);
            }
        } catch (SQLException e) {
            groupActions.clear();
            RuntimeException f = failure.apply("commit of " + group.size() + " units", e);
            group.forEach(u -> u.done().completeExceptionally(f));
            return;
        } catch (RuntimeException e) {
            groupActions.clear();
            throw e;
        }
        for (Runnable action : groupActions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("an after-commit action failed", e);
            }
        }
        groupActions.clear();
        for (Consumer<List<String>> listener : listeners) {
            try {
                listener.accept(List.copyOf(committed));
            } catch (RuntimeException e) {
                LOG.error("commit listener failed", e);
            }
        }
        complete(group, results, failures);
    }

    @SuppressWarnings("unchecked")
    private static void complete(List<Unit<?>> group, List<Object> results, List<Throwable> failures) {
        for (int i = 0; i < group.size(); i++) {
            CompletableFuture<Object> done = (CompletableFuture<Object>) group.get(i).done();
            if (failures.get(i) != null) {
                done.completeExceptionally(failures.get(i));
            } else {
                done.complete(results.get(i));
            }
        }
    }

    /**
     * Each unit runs in a savepoint, so one that fails is undone without touching the rest of its group.
     * The savepoint statements are plain SQL on prepared statements (the same name for every unit, as
     * units never nest), so SQLite's statement cache keeps them compiled; the driver's own
     * {@code setSavepoint} compiled them again for every unit.
     */
    private void runUnit(Connection c, Unit<?> unit, List<Object> results, List<Throwable> failures,
                         List<String> committed) throws SQLException {
        run(c, "SAVEPOINT unit_of_work");
        unitActions.clear();
        try {
            Object result = unit.work().run(c);
            run(c, "RELEASE SAVEPOINT unit_of_work");
            groupActions.addAll(unitActions);
            results.add(result);
            failures.add(null);
            committed.add(unit.operation());
        } catch (SQLException | RuntimeException | Error e) {
            run(c, "ROLLBACK TO SAVEPOINT unit_of_work");
            run(c, "RELEASE SAVEPOINT unit_of_work");
            results.add(null);
            failures.add(e instanceof SQLException s ? failure.apply(unit.operation(), s) : e);
        }
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
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

    /** Commits what is queued, then stops the thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
