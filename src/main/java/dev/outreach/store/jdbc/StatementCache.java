package dev.outreach.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared statements of one SQLite connection, kept compiled between uses. sqlite-jdbc compiles
 * the SQL again on every {@code prepareStatement} and HikariCP keeps no statements (pgjdbc keeps its
 * own, so PostgreSQL connections are not wrapped); under load the compiling was a fifth of SQLite's
 * time.
 *
 * <p>The connection {@link #around} returns answers {@code prepareStatement(sql)} (the one-argument
 * form; the others pass through) with a {@link BorrowedStatement}. A statement is taken out of the
 * cache while it is borrowed, so a second use of the same SQL while the first is still open (a
 * repository asking the same query while it reads a result) compiles a statement of its own instead
 * of resetting the first one's rows. On close it comes back reset, keeping no parameter value; only
 * idle statements are kept, at most {@code capacity}, and the least recently returned one is
 * finalized when that is exceeded.
 *
 * <p>The cache belongs to the one connection it wraps and dies with it: closing the connection (the
 * pool retiring it after its lifetime or an eviction) finalizes every idle statement first, and
 * nothing else holds them.
 *
 * <p>Reached from a pooled connection with {@code connection.unwrap(StatementCache.class)}.
 */
final class StatementCache implements InvocationHandler {

    /**
     * Enough for every fixed statement on the hot paths with room to spare; SQL built per call
     * (IN lists of varying length) passes through the cold end without pushing those out.
     */
    static final int CAPACITY = 128;

    private final Connection connection;
    private final int capacity;
    private final Connection proxy;
    /** Idle statements by their SQL, least recently returned first. */
    private final Map<String, PreparedStatement> idle = new LinkedHashMap<>();
    private long compiled;
    private boolean closed;

    private StatementCache(Connection connection, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("statement cache capacity must be at least 1, was " + capacity);
        }
        this.connection = connection;
        this.capacity = capacity;
        this.proxy = (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this);
    }

    /** {@code connection} as a connection whose one-argument {@code prepareStatement} reuses statements. */
    static Connection around(Connection connection, int capacity) {
        return new StatementCache(connection, capacity).proxy;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "prepareStatement":
                if (args.length == 1) {
                    return borrow((String) args[0]);
                }
                break;
            case "close":
                finalizeIdle();
                break;
            case "unwrap":
                if (args[0] == StatementCache.class) {
                    return this;
                }
                break;
            case "isWrapperFor":
                if (args[0] == StatementCache.class) {
                    return true;
                }
                break;
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return "statement cache around " + connection;
            default:
                break;
        }
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private synchronized PreparedStatement borrow(String sql) throws SQLException {
        PreparedStatement statement = idle.remove(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            compiled++;
        }
        return BorrowedStatement.lend(statement, sql, this, proxy);
    }

    /**
     * Keeps a statement its borrower closed, when it is {@code reusable} (reset, no parameter value,
     * no setting changed) and no other statement for the same SQL came back first; otherwise
     * finalizes it.
     */
    synchronized void giveBack(String sql, PreparedStatement statement, boolean reusable) throws SQLException {
        if (!reusable || closed || statement.isClosed() || idle.containsKey(sql)) {
            statement.close();
            return;
        }
        idle.put(sql, statement);
        if (idle.size() > capacity) {
            Iterator<PreparedStatement> eldest = idle.values().iterator();
            PreparedStatement evicted = eldest.next();
            eldest.remove();
            evicted.close();
        }
    }

    /** Finalizes the idle statements before the connection closes; statements still borrowed are finalized as they come back. */
    private synchronized void finalizeIdle() {
        closed = true;
        for (PreparedStatement statement : idle.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // The connection's own close finalizes whatever is left.
            }
        }
        idle.clear();
    }

    /** How many statements this connection compiled through the cache (reuses not counted). */
    synchronized long compiled() {
        return compiled;
    }

    /** How many compiled statements wait for their next borrower. */
    synchronized int idle() {
        return idle.size();
    }
}
