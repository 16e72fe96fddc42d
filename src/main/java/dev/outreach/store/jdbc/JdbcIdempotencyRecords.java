package dev.outreach.store.jdbc;

import dev.outreach.store.IdempotencyRecords;
import dev.outreach.store.StoredResponse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import static dev.outreach.store.jdbc.Columns.instant;
import static dev.outreach.store.jdbc.Columns.setInstant;

final class JdbcIdempotencyRecords implements IdempotencyRecords {

    private static final String COLUMNS = "idempotency_key, request_hash, status, content_type, body, created_at";

    private final Database db;

    JdbcIdempotencyRecords(Database db) {
        this.db = db;
    }

    @Override
    public Optional<StoredResponse> find(String key) {
        return db.read("idempotency find", c -> select(c, key));
    }

    @Override
    public StoredResponse saveIfAbsent(StoredResponse response) {
        return db.write("idempotency save", c -> {
            // ON CONFLICT waits for a concurrent insert of the same key, so the read sees the winner.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO idempotency_records (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING")) {
                ps.setString(1, response.key());
                ps.setString(2, response.requestHash());
                ps.setInt(3, response.status());
                ps.setString(4, response.contentType());
                ps.setString(5, response.body());
                setInstant(ps, 6, response.createdAt());
                ps.executeUpdate();
            }
            return select(c, response.key()).orElseThrow();
        });
    }

    private static Optional<StoredResponse> select(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM idempotency_records WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredResponse(rs.getString("idempotency_key"), rs.getString("request_hash"),
                        rs.getInt("status"), rs.getString("content_type"), rs.getString("body"),
                        instant(rs, "created_at")));
            }
        }
    }
}
