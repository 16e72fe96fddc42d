package dev.outreach.store.jdbc;

import dev.outreach.store.IdempotencyRecords;
import dev.outreach.store.StoredResponse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
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
                return Optional.of(response(rs));
            }
        }
    }

    private static StoredResponse response(ResultSet rs) throws SQLException {
        return new StoredResponse(rs.getString("idempotency_key"), rs.getString("request_hash"), rs.getInt("status"),
                rs.getString("content_type"), rs.getString("body"), instant(rs, "created_at"));
    }

    @Override
    public List<StoredResponse> containing(Collection<String> fragments) {
        List<String> needles = needles(fragments);
        if (needles.isEmpty()) {
            return List.of();
        }
        return db.read("idempotency containing", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM idempotency_records WHERE "
                    + likeAny(needles.size()) + " ORDER BY created_at, idempotency_key")) {
                bindLikes(ps, needles);
                List<StoredResponse> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(response(rs));
                    }
                }
                return result;
            }
        });
    }

    @Override
    public int forgetContaining(Collection<String> fragments) {
        List<String> needles = needles(fragments);
        if (needles.isEmpty()) {
            return 0;
        }
        return db.write("idempotency forget containing", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM idempotency_records WHERE "
                    + likeAny(needles.size()))) {
                bindLikes(ps, needles);
                return ps.executeUpdate();
            }
        });
    }

    private static List<String> needles(Collection<String> fragments) {
        return fragments.stream().filter(f -> f != null && !f.isEmpty()).distinct().toList();
    }

    /** {@code body LIKE ? ESCAPE '!' OR ...}: case-sensitive in both dialects (SQLite: case_sensitive_like). */
    private static String likeAny(int count) {
        return "(" + String.join(" OR ", Collections.nCopies(count, "body LIKE ? ESCAPE '!'")) + ")";
    }

    private static void bindLikes(PreparedStatement ps, List<String> needles) throws SQLException {
        for (int i = 0; i < needles.size(); i++) {
            String escaped = needles.get(i).replace("!", "!!").replace("%", "!%").replace("_", "!_");
            ps.setString(i + 1, "%" + escaped + "%");
        }
    }
}
