package dev.outreach.store.jdbc;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Where the pools get their SQLite connections: each one opened with the store's pragmas and
 * wrapped in its own {@link StatementCache}. The pool sits above it, so its proxies still track
 * every statement and transaction, and when it retires a connection, closing it finalizes that
 * connection's statements.
 */
final class SqliteConnections implements DataSource {

    private final String jdbcUrl;
    private final Properties pragmas;

    SqliteConnections(String jdbcUrl, Properties pragmas) {
        this.jdbcUrl = jdbcUrl;
        this.pragmas = (Properties) pragmas.clone();
    }

    /** The same database with one pragma set differently, for a pool whose connections need it. */
    SqliteConnections withPragma(String name, String value) {
        Properties changed = (Properties) pragmas.clone();
        changed.setProperty(name, value);
        return new SqliteConnections(jdbcUrl, changed);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return open(pragmas);
    }

    /** A name and password given to the store reach the driver as they did through the pool's own data source. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties properties = (Properties) pragmas.clone();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return open(properties);
    }

    private Connection open(Properties properties) throws SQLException {
        return StatementCache.around(DriverManager.getConnection(jdbcUrl, properties), StatementCache.CAPACITY);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Nothing is logged here.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // Opening a file does not wait for a server.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("SqliteConnections does not log through java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("SqliteConnections is not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
