package dev.outreach.store.jdbc;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * One borrowing of a cached statement ({@link StatementCache}): the borrower sees an ordinary
 * prepared statement, and closing it gives the statement back instead of finalizing it. Closing
 * twice does nothing, and the handle refuses use after close, so a borrower that kept it cannot
 * touch the statement once the next borrower has it.
 *
 * <p>The statement goes back to the cache only in the state a freshly prepared one would be in:
 * its result set closed (in sqlite-jdbc that resets the statement, so no read transaction stays
 * open behind a half-read result), no parameter values kept and no batch pending. It is finalized
 * instead when its borrower
 * <ul>
 *   <li>saw it throw: sqlite-jdbc finalizes the native statement on most step errors and keeps it
 *       on others, and a fresh compile is cheaper than telling them apart;</li>
 *   <li>changed a setting that would outlive the borrowing (fetch size, max rows, query timeout and
 *       every other {@link java.sql.Statement} setter), asked for the driver's own statement
 *       ({@code unwrap}, {@code getResultSet}, generated keys), or ran {@code execute()}, which can
 *       leave a query's rows pending with no result set to close;</li>
 *   <li>batched more than {@link #LARGEST_KEPT_BATCH} rows: sqlite-jdbc keeps the grown parameter
 *       array after the batch ran.</li>
 * </ul>
 */
final class BorrowedStatement implements InvocationHandler {

    static final int LARGEST_KEPT_BATCH = 64;

    /**
     * Proxy.newProxyInstance looks the proxy class up in a shared map on every call, which showed in
     * profiles of store reads; the constructor found once costs nothing per borrowing.
     */
    private static final Constructor<?> HANDLE = proxyConstructor();

    /** The {@link java.sql.Statement} methods that change nothing the next borrower would see. */
    private static final Set<String> STATEMENT_METHODS_KEEPING_NO_STATE = Set.of(
            "executeBatch", "executeLargeBatch", "clearBatch", "getUpdateCount", "getLargeUpdateCount",
            "getWarnings", "clearWarnings", "getFetchSize", "getMaxRows", "getLargeMaxRows",
            "getQueryTimeout", "getMaxFieldSize", "getFetchDirection", "getResultSetType",
            "getResultSetConcurrency", "getResultSetHoldability", "isPoolable", "isCloseOnCompletion");

    private final PreparedStatement statement;
    private final String sql;
    private final StatementCache cache;
    private final Connection connection;
    private ResultSet results;
    private int batched;
    private boolean reusable = true;
    private boolean closed;

    private BorrowedStatement(PreparedStatement statement, String sql, StatementCache cache, Connection connection) {
        this.statement = statement;
        this.sql = sql;
        this.cache = cache;
        this.connection = connection;
    }

    static PreparedStatement lend(PreparedStatement statement, String sql, StatementCache cache, Connection connection) {
        try {
            return (PreparedStatement) HANDLE.newInstance(new BorrowedStatement(statement, sql, cache, connection));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a borrowed statement handle", e);
        }
    }

    private static Constructor<?> proxyConstructor() {
        Object sample = Proxy.newProxyInstance(BorrowedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> null);
        try {
            return sample.getClass().getConstructor(InvocationHandler.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a proxy class has a constructor taking its handler", e);
        }
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "close":
                close();
                return null;
            case "isClosed":
                return closed;
            case "getConnection":
                return connection;
            case "equals":
                return self == args[0];
            case "hashCode":
                return System.identityHashCode(self);
            case "toString":
                return "borrowed " + statement;
            default:
                break;
        }
        if (closed) {
            throw new SQLException("statement is closed");
        }
        if (!keepsNoState(method)) {
            reusable = false;
        }
        if (method.getName().equals("addBatch") && ++batched > LARGEST_KEPT_BATCH) {
            reusable = false;
        }
        try {
            Object result = method.invoke(statement, args);
            if (method.getName().equals("executeQuery")) {
                results = (ResultSet) result;
            }
            return result;
        } catch (InvocationTargetException e) {
            reusable = false;
            throw e.getCause();
        }
    }

    private static boolean keepsNoState(Method method) {
        if (method.getDeclaringClass() == PreparedStatement.class) {
            // Parameter setters, executeQuery/executeUpdate, addBatch, clearParameters, metadata.
            return !method.getName().equals("execute");
        }
        return STATEMENT_METHODS_KEEPING_NO_STATE.contains(method.getName());
    }

    private void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        cache.giveBack(sql, statement, reusable && reset());
    }

    /**
     * True when the statement is as a freshly prepared one; false when it could not be made so.
     * {@code clearBatch} empties sqlite-jdbc's parameter array, from which it binds every parameter
     * on the next execution, so nothing the last borrower bound is used again. Not
     * {@code clearParameters}: sqlite3_clear_bindings marks a statement whose query plan looked at
     * its parameters as expired, and SQLite then compiles it again on the next step; measured, that
     * took back most of the saving on the touch-window and suppression-key queries.
     */
    private boolean reset() {
        try {
            if (results != null) {
                results.close();
            }
            statement.clearBatch();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
