package dev.outreach.store.jdbc;

import dev.outreach.store.Secrets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import static dev.outreach.store.jdbc.Columns.setInstant;

final class JdbcSecrets implements Secrets {

    private final Database db;

    JdbcSecrets(Database db) {
        this.db = db;
    }

    /**
     * Instances racing on first start each generate a value, but only the first insert wins and every
     * one of them returns the stored value, so all instances share one key.
     */
    @Override
    public byte[] getOrCreate(String name, Supplier<byte[]> generator) {
        Optional<byte[]> existing = db.read("secret find", c -> select(c, name));
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] candidate = generator.get();
        return db.write("secret create", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO secrets (name, value, created_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, name);
                ps.setBytes(2, candidate);
                setInstant(ps, 3, Instant.now());
                ps.executeUpdate();
            }
            return select(c, name).orElseThrow();
        });
    }

    private static Optional<byte[]> select(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM secrets WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }
}
