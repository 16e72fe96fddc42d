package dev.outreach.store.jdbc;

import dev.outreach.store.DeliveryRecords;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static dev.outreach.store.jdbc.Columns.setInstant;

/**
 * {@link DeliveryRecords} on the tables of migration V40 (both dialects).
 *
 * <p>Opened beside the main store on the same database with a small pool of its own, because the
 * main store's wiring is being reworked; {@link JdbcStore#open} has already migrated the schema.
 */
final class JdbcDeliveryRecords implements DeliveryRecords {

    private final Database db;

    JdbcDeliveryRecords(Database db) {
        this.db = db;
    }

    @Override
    public void rememberReturnPath(String token, String messageId, Instant at) {
        db.write("return path remember", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO return_paths (token, message_id, created_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (token) DO NOTHING")) {
                ps.setString(1, token);
                ps.setString(2, messageId);
                setInstant(ps, 3, at);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> messageForReturnPath(String token) {
        return db.read("return path find", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT message_id FROM return_paths WHERE token = ?")) {
                ps.setString(1, token);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public int recordSoftBounce(String recipientKey, String messageId, String status, Instant at, Instant since) {
        return db.write("soft bounce record", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO soft_bounces "
                    + "(id, recipient_key, message_id, status, occurred_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, recipientKey);
                ps.setString(3, messageId);
                ps.setString(4, status);
                setInstant(ps, 5, at);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM soft_bounces "
                    + "WHERE recipient_key = ? AND occurred_at >= ?")) {
                ps.setString(1, recipientKey);
                setInstant(ps, 2, since);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public boolean seen(String provider, String eventId) {
        return db.read("delivery event find", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM delivery_events "
                    + "WHERE provider = ? AND event_id = ?")) {
                ps.setString(1, provider);
                ps.setString(2, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public boolean firstSighting(String provider, String eventId, String kind, Instant at) {
        return db.write("delivery event record", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_events "
                    + "(provider, event_id, kind, received_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (provider, event_id) DO NOTHING")) {
                ps.setString(1, provider);
                ps.setString(2, eventId);
                ps.setString(3, kind);
                setInstant(ps, 4, at);
                return ps.executeUpdate() == 1;
            }
        });
    }

}
