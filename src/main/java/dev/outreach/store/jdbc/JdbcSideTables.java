package dev.outreach.store.jdbc;

import dev.outreach.store.CategoryOptOuts;
import dev.outreach.store.EventDelivery;
import dev.outreach.store.EventSubscription;
import dev.outreach.store.EventSubscriptions;
import dev.outreach.store.SettledMessage;
import dev.outreach.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static dev.outreach.store.jdbc.Columns.instant;
import static dev.outreach.store.jdbc.Columns.setInstant;

/**
 * The tables of the preference centre and the event webhooks (migrations V65, V66), on a small pool
 * of their own beside the main store, so they need nothing from the decision path's writer. The
 * schema is migrated by {@link JdbcStore#open}, which must have run first.
 */
final class JdbcSideTables implements CategoryOptOuts, EventSubscriptions {

    private final Database db;
    private final RecipientKeyLog keyLog;

    JdbcSideTables(Database db, RecipientKeyLog keyLog) {
        this.db = db;
        this.keyLog = keyLog;
    }

    // ---------------------------------------------------------------- category opt-outs

    @Override
    public void replace(String subjectKey, Set<String> categories, String via, Instant at) {
        write("category opt-outs replace", c -> {
            Set<String> kept = of(c, subjectKey);
            kept.removeAll(categories);
            for (String gone : kept) {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM category_opt_outs WHERE subject_key = ? AND category = ?")) {
                    ps.setString(1, subjectKey);
                    ps.setString(2, gone);
                    ps.executeUpdate();
                }
            }
            for (String category : categories) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO category_opt_outs "
                        + "(subject_key, category, via, created_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (subject_key, category) DO NOTHING")) {
                    ps.setString(1, subjectKey);
                    ps.setString(2, category);
                    ps.setString(3, via);
                    setInstant(ps, 4, at);
                    ps.executeUpdate();
                }
            }
            if (!categories.isEmpty()) {
                keyLog.note(c, subjectKey);
            }
            return null;
        });
    }

    @Override
    public Set<String> of(String subjectKey) {
        return read("category opt-outs read", c -> of(c, subjectKey));
    }

    private static Set<String> of(Connection c, String subjectKey) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT category FROM category_opt_outs WHERE subject_key = ?")) {
            ps.setString(1, subjectKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- event subscriptions

    private static final String SUBSCRIPTION_COLUMNS =
            "id, url, events, secret, role, created_by, created_at, after_seq, outbox_after, outbox_after_id";
    private static final String DELIVERY_COLUMNS = "id, subscription_id, event_key, event_type, payload, status, "
            + "attempts, next_attempt_at, last_attempt_at, last_status, last_error, created_at";

    @Override
    public void add(EventSubscription s) {
        write("event subscription add", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_subscriptions ("
                    + SUBSCRIPTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, s.id());
                ps.setString(2, s.url());
                ps.setString(3, String.join(",", s.events()));
                ps.setString(4, s.secret());
                ps.setString(5, s.role());
                ps.setString(6, s.createdBy());
                setInstant(ps, 7, s.createdAt());
                ps.setLong(8, s.afterSeq());
                ps.setLong(9, s.outboxAfter());
                ps.setString(10, s.outboxAfterId());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<EventSubscription> active() {
        return read("event subscriptions list", c -> subscriptions(c, "deleted_at IS NULL ORDER BY created_at, id",
                null));
    }

    @Override
    public Optional<EventSubscription> find(String id) {
        return read("event subscription find", c -> subscriptions(c, "deleted_at IS NULL AND id = ?", id))
                .stream().findFirst();
    }

    @Override
    public boolean delete(String id, Instant at) {
        return write("event subscription delete", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE event_subscriptions SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")) {
                setInstant(ps, 1, at);
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void enqueue(String subscriptionId, List<EventDelivery> deliveries, long afterSeq, long outboxAfter,
                        String outboxAfterId) {
        write("event deliveries enqueue", c -> {
            for (EventDelivery d : deliveries) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_deliveries (" + DELIVERY_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (subscription_id, event_key) DO NOTHING")) {
                    ps.setString(1, d.id());
                    ps.setString(2, d.subscriptionId());
                    ps.setString(3, d.eventKey());
                    ps.setString(4, d.eventType());
                    ps.setString(5, d.payload());
                    ps.setString(6, d.status());
                    ps.setInt(7, d.attempts());
                    setInstant(ps, 8, d.nextAttemptAt());
                    setInstant(ps, 9, d.lastAttemptAt());
                    setInteger(ps, 10, d.lastStatus());
                    ps.setString(11, d.lastError());
                    setInstant(ps, 12, d.createdAt());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE event_subscriptions SET after_seq = ?, "
                    + "outbox_after = ?, outbox_after_id = ? WHERE id = ?")) {
                ps.setLong(1, afterSeq);
                ps.setLong(2, outboxAfter);
                ps.setString(3, outboxAfterId);
                ps.setString(4, subscriptionId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<SettledMessage> settledAfter(long afterMillis, String afterId, Instant until, int limit) {
        return read("outbox settled messages", c -> {
            List<SettledMessage> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT message_id, lead_id, status, attempts, updated_at "
                    + "FROM outbox WHERE status IN ('SENT', 'FAILED', 'BOUNCED') "
                    + "AND (updated_at > ? OR (updated_at = ? AND message_id > ?)) AND updated_at <= ? "
                    + "ORDER BY updated_at, message_id LIMIT ?")) {
                ps.setLong(1, afterMillis);
                ps.setLong(2, afterMillis);
                ps.setString(3, afterId);
                setInstant(ps, 4, until);
                ps.setInt(5, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SettledMessage(rs.getString("message_id"), rs.getString("lead_id"),
                                rs.getString("status"), rs.getInt("attempts"), instant(rs, "updated_at")));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<EventDelivery> due(Instant now, int limit) {
        return read("event deliveries due", c -> deliveries(c, "SELECT d.* FROM event_deliveries d "
                + "JOIN event_subscriptions s ON s.id = d.subscription_id "
                + "WHERE s.deleted_at IS NULL AND d.status = 'PENDING' AND d.next_attempt_at <= ? "
                + "ORDER BY d.next_attempt_at, d.created_at LIMIT ?", ps -> {
                    setInstant(ps, 1, now);
                    ps.setInt(2, limit);
                }));
    }

    @Override
    public void recordAttempt(String deliveryId, String status, int attempts, Instant attemptedAt,
                              Instant nextAttemptAt, Integer httpStatus, String error) {
        write("event delivery attempt", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE event_deliveries SET status = ?, attempts = ?, "
                    + "last_attempt_at = ?, next_attempt_at = ?, last_status = ?, last_error = ? WHERE id = ?")) {
                ps.setString(1, status);
                ps.setInt(2, attempts);
                setInstant(ps, 3, attemptedAt);
                setInstant(ps, 4, nextAttemptAt);
                setInteger(ps, 5, httpStatus);
                ps.setString(6, error);
                ps.setString(7, deliveryId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<EventDelivery> recent(String subscriptionId, int limit) {
        return read("event deliveries recent", c -> deliveries(c, "SELECT * FROM event_deliveries"
                + (subscriptionId == null ? "" : " WHERE subscription_id = ?")
                + " ORDER BY created_at DESC, id DESC LIMIT ?", ps -> {
                    int i = 1;
                    if (subscriptionId != null) {
                        ps.setString(i++, subscriptionId);
                    }
                    ps.setInt(i, limit);
                }));
    }

    private static List<EventSubscription> subscriptions(Connection c, String where, String id) throws SQLException {
        List<EventSubscription> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SUBSCRIPTION_COLUMNS
                + " FROM event_subscriptions WHERE " + where)) {
            if (id != null) {
                ps.setString(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EventSubscription(rs.getString("id"), rs.getString("url"),
                            List.of(rs.getString("events").split(",")), rs.getString("secret"), rs.getString("role"),
                            rs.getString("created_by"), instant(rs, "created_at"), rs.getLong("after_seq"),
                            rs.getLong("outbox_after"), rs.getString("outbox_after_id")));
                }
            }
        }
        return out;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static List<EventDelivery> deliveries(Connection c, String sql, Binder binder) throws SQLException {
        List<EventDelivery> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int status = rs.getInt("last_status");
                    Integer lastStatus = rs.wasNull() ? null : status;
                    out.add(new EventDelivery(rs.getString("id"), rs.getString("subscription_id"),
                            rs.getString("event_key"), rs.getString("event_type"), rs.getString("payload"),
                            rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                            instant(rs, "last_attempt_at"), lastStatus, rs.getString("last_error"),
                            instant(rs, "created_at")));
                }
            }
        }
        return out;
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    // ---------------------------------------------------------------- connections

    private <T> T read(String operation, Database.Work<T> work) {
        return db.read(operation, work);
    }

    /** Through the store's single writer, like every other write. */
    private <T> T write(String operation, Database.Work<T> work) {
        return db.write(operation, work);
    }
}
