package dev.outreach.store.jdbc;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.store.SuppressionEntry;
import dev.outreach.store.Suppressions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.outreach.store.jdbc.Columns.instant;
import static dev.outreach.store.jdbc.Columns.setInstant;

final class JdbcSuppressions implements Suppressions {

    private static final String COLUMNS = "id, type, value, value_key, reason, source, created_at";

    private final Database db;
    private final RecipientKeyLog keyLog;

    JdbcSuppressions(Database db, RecipientKeyLog keyLog) {
        this.db = db;
        this.keyLog = keyLog;
    }

    @Override
    public void add(SuppressionEntry entry) {
        db.write("suppression add", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO suppressions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, entry.id());
                ps.setString(2, entry.type());
                ps.setString(3, entry.value());
                ps.setString(4, entry.valueKey());
                ps.setString(5, entry.reason().name());
                ps.setString(6, entry.source());
                setInstant(ps, 7, entry.createdAt());
                int inserted = ps.executeUpdate();
                keyLog.note(c, entry.valueKey());
                return inserted;
            }
        });
    }

    @Override
    public Optional<SuppressionEntry> find(String id) {
        return db.read("suppression find", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM suppressions WHERE id = ?")) {
                ps.setString(1, id);
                return entries(ps).stream().findFirst();
            }
        });
    }

    @Override
    public List<SuppressionEntry> findByKey(String type, String valueKey) {
        return db.read("suppression find by key", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM suppressions WHERE type = ? AND value_key = ? ORDER BY created_at, id")) {
                ps.setString(1, type);
                ps.setString(2, valueKey);
                return entries(ps);
            }
        });
    }

    @Override
    public List<SuppressionEntry> findByKeys(List<Key> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        String matches = String.join(" OR ", java.util.Collections.nCopies(keys.size(), "(type = ? AND value_key = ?)"));
        return db.read("suppression find by keys", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM suppressions WHERE " + matches
                    + " ORDER BY created_at, id")) {
                int i = 1;
                for (Key key : keys) {
                    ps.setString(i++, key.type());
                    ps.setString(i++, key.valueKey());
                }
                return entries(ps);
            }
        });
    }

    @Override
    public List<SuppressionEntry> list(String type, int offset, int limit) {
        Where where = new Where().equalIfPresent("type", type);
        return db.read("suppression list", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM suppressions" + where.sql()
                    + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")) {
                int next = where.bind(ps);
                ps.setInt(next, limit);
                ps.setInt(next + 1, offset);
                return entries(ps);
            }
        });
    }

    @Override
    public boolean remove(String id) {
        return db.write("suppression remove", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM suppressions WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static List<SuppressionEntry> entries(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<SuppressionEntry> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new SuppressionEntry(rs.getString("id"), rs.getString("type"), rs.getString("value"),
                        rs.getString("value_key"), SuppressionReason.valueOf(rs.getString("reason")), rs.getString("source"),
                        instant(rs, "created_at")));
            }
            return result;
        }
    }

    @Override
    public int forgetValues(String valueKey) {
        return db.write("suppression forget values", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE suppressions SET value = NULL "
                    + "WHERE type IN ('EMAIL', 'DOMAIN', 'PHONE') AND value_key = ? AND value IS NOT NULL")) {
                ps.setString(1, valueKey);
                return ps.executeUpdate();
            }
        });
    }
}
