package dev.outreach.store.jdbc;

import dev.outreach.store.ApiKey;
import dev.outreach.store.ApiKeys;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.outreach.store.jdbc.Columns.instant;
import static dev.outreach.store.jdbc.Columns.setInstant;

final class JdbcApiKeys implements ApiKeys {

    private static final String COLUMNS = "id, name, role, key_hash, created_at, revoked_at";

    private final Database db;

    JdbcApiKeys(Database db) {
        this.db = db;
    }

    @Override
    public void create(ApiKey key) {
        db.write("api key create", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, key.id());
                ps.setString(2, key.name());
                ps.setString(3, key.role());
                ps.setString(4, key.keyHash());
                setInstant(ps, 5, key.createdAt());
                setInstant(ps, 6, key.revokedAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<ApiKey> findActiveByHash(String keyHash) {
        return db.read("api key find", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")) {
                ps.setString(1, keyHash);
                return keys(ps).stream().findFirst();
            }
        });
    }

    @Override
    public List<ApiKey> list() {
        return db.read("api key list", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id")) {
                return keys(ps);
            }
        });
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return db.write("api key revoke", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                setInstant(ps, 1, at);
                ps.setString(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public long countActive() {
        return db.read("api key count", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static List<ApiKey> keys(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<ApiKey> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new ApiKey(rs.getString("id"), rs.getString("name"), rs.getString("role"),
                        rs.getString("key_hash"), instant(rs, "created_at"), instant(rs, "revoked_at")));
            }
            return result;
        }
    }
}
