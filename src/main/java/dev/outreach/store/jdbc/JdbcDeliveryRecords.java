package dev.outreach.store.jdbc;

import dev.outreach.store.DeliveryRecords;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.outreach.store.jdbc.Columns.setInstant;

/**
 * {@link DeliveryRecords} on the tables of migrations V40 and V10 (both dialects).
 *
 * <p>Opened beside the main store on the same database with a small pool of its own, because the
 * main store's wiring is being reworked; {@link JdbcStore#open} has already migrated the schema.
 */
final class JdbcDeliveryRecords implements DeliveryRecords {

    private static final long DAY_MILLIS = 86_400_000L;

    /*
     * Instants are epoch milliseconds in both dialects, so "/ 86400000" (integer division in SQLite
     * and PostgreSQL alike) is the UTC day; grouping happens in the database, whatever the volume.
     */
    private static final String SENT = "SELECT sender_domain, sent_at / " + DAY_MILLIS + " AS day, 'SENT' AS kind, "
            + "COUNT(*) FROM sent_messages WHERE sent_at >= ? AND sent_at < ? GROUP BY sender_domain, sent_at / "
            + DAY_MILLIS;
    private static final String EVENT_MESSAGE = "delivery_event_messages m ON m.provider = e.provider "
            + "AND m.event_id = e.event_id";
    private static final String ATTRIBUTED = "SELECT s.sender_domain, s.sent_at / " + DAY_MILLIS + " AS day, e.kind, "
            + "COUNT(*) FROM delivery_events e JOIN " + EVENT_MESSAGE + " JOIN sent_messages s ON s.message_id = m.message_id "
            + "WHERE s.sent_at >= ? AND s.sent_at < ? GROUP BY s.sender_domain, s.sent_at / " + DAY_MILLIS + ", e.kind";
    private static final String UNATTRIBUTED = "SELECT NULL AS sender_domain, e.received_at / " + DAY_MILLIS
            + " AS day, e.kind, COUNT(*) FROM delivery_events e LEFT JOIN " + EVENT_MESSAGE
            + " WHERE e.received_at >= ? AND e.received_at < ? "
            + "AND NOT EXISTS (SELECT 1 FROM sent_messages s WHERE s.message_id = m.message_id) "
            + "GROUP BY e.received_at / " + DAY_MILLIS + ", e.kind";

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
    public boolean firstSighting(String provider, String eventId, String kind, String messageId, Instant at) {
        return db.write("delivery event record", c -> {
            boolean first;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_events "
                    + "(provider, event_id, kind, received_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (provider, event_id) DO NOTHING")) {
                ps.setString(1, provider);
                ps.setString(2, eventId);
                ps.setString(3, kind);
                setInstant(ps, 4, at);
                first = ps.executeUpdate() == 1;
            }
            if (first && messageId != null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO delivery_event_messages "
                        + "(provider, event_id, message_id) VALUES (?, ?, ?)")) {
                    ps.setString(1, provider);
                    ps.setString(2, eventId);
                    ps.setString(3, messageId);
                    ps.executeUpdate();
                }
            }
            return first;
        });
    }

    @Override
    public List<DeliveryCount> deliveryCounts(Instant from, Instant to) {
        long lower = from == null ? Long.MIN_VALUE : from.toEpochMilli();
        long upper = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        return db.read("delivery counts", c -> {
            List<DeliveryCount> counts = new ArrayList<>();
            for (String sql : List.of(SENT, ATTRIBUTED, UNATTRIBUTED)) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, lower);
                    ps.setLong(2, upper);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counts.add(new DeliveryCount(rs.getString(1), LocalDate.ofEpochDay(rs.getLong(2)),
                                    rs.getString(3), rs.getLong(4)));
                        }
                    }
                }
            }
            return counts;
        });
    }

}
