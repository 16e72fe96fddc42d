package dev.outreach.store.jdbc;

import dev.outreach.store.Outbox;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.outreach.store.jdbc.Columns.enumValue;
import static dev.outreach.store.jdbc.Columns.instant;
import static dev.outreach.store.jdbc.Columns.setEnum;
import static dev.outreach.store.jdbc.Columns.setInstant;

/**
 * The durable outbox. {@link #markSent} counts the successful delivery as one more attempt, the
 * same way callers pass the new attempt count to {@link #markRetry} and {@link #markFailed}.
 */
final class JdbcOutbox implements Outbox {

    private static final String COLUMNS = "message_id, lead_id, recipient, recipient_key, mime, status, attempts, "
            + "next_attempt_at, last_error, created_at, updated_at";

    /** The statuses are literals, as in the index outbox_pending's condition, so that index answers it. */
    static final String BACKLOG_SQL = "SELECT COUNT(*) AS waiting, MIN(created_at) AS oldest "
            + "FROM outbox WHERE status IN ('QUEUED', 'RETRYING')";

    private final Database db;

    JdbcOutbox(Database db) {
        this.db = db;
    }

    @Override
    public void enqueue(OutboxMessage m) {
        db.write("outbox enqueue", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, m.messageId());
                ps.setString(2, m.leadId());
                ps.setString(3, m.recipient());
                ps.setString(4, m.recipientKey());
                ps.setBytes(5, m.mime());
                setEnum(ps, 6, m.status());
                ps.setInt(7, m.attempts());
                setInstant(ps, 8, m.nextAttemptAt());
                ps.setString(9, m.lastError());
                setInstant(ps, 10, m.createdAt());
                setInstant(ps, 11, m.updatedAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<OutboxMessage> find(String messageId) {
        return db.read("outbox find", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE message_id = ?")) {
                ps.setString(1, messageId);
                return messages(ps).stream().findFirst();
            }
        });
    }

    /**
     * The status test is written as in the index outbox_pending's condition, so the due rows are
     * read from that index in claim order and the subquery stops after {@code limit} of them.
     */
    static String claimSql(Dialect dialect) {
        return "UPDATE outbox SET next_attempt_at = ?, lease_owner = ? WHERE message_id IN (SELECT message_id FROM outbox "
                + "WHERE status IN ('QUEUED', 'RETRYING') AND next_attempt_at <= ? "
                + "ORDER BY next_attempt_at, message_id LIMIT ?" + dialect.skipLockedClause() + ") "
                + "RETURNING " + COLUMNS;
    }

    /**
     * One statement picks and leases the due rows. In PostgreSQL the row locks taken by the subquery
     * make concurrent workers skip rather than wait for (or double-claim) each other's rows; SQLite's
     * single writer gives the same guarantee.
     */
    @Override
    public List<OutboxMessage> claimDue(Instant now, Instant leaseUntil, int limit, String owner) {
        String sql = claimSql(db.dialect());
        List<OutboxMessage> claimed = db.write("outbox claim", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                setInstant(ps, 1, leaseUntil);
                ps.setString(2, owner);
                setInstant(ps, 3, now);
                ps.setInt(4, limit);
                return messages(ps);
            }
        });
        // RETURNING gives no order; hand out the oldest first.
        claimed.sort(Comparator.comparing(OutboxMessage::createdAt).thenComparing(OutboxMessage::messageId));
        return claimed;
    }

    @Override
    public int releaseLeases(String owner, Instant now) {
        return db.write("outbox release leases", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET next_attempt_at = ?, lease_owner = NULL "
                    + "WHERE lease_owner = ? AND status IN ('QUEUED', 'RETRYING') AND next_attempt_at > ?")) {
                setInstant(ps, 1, now);
                ps.setString(2, owner);
                setInstant(ps, 3, now);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void markSent(String messageId, String senderDomain, Instant at) {
        markSent(List.of(new Sent(messageId, senderDomain, at)));
    }

    /** One unit: a batched UPDATE of the messages, then one upsert per sending domain and day. */
    @Override
    public void markSent(List<Sent> sent) {
        if (sent.isEmpty()) {
            return;
        }
        Map<List<String>, Integer> perDomainAndDay = new HashMap<>();
        for (Sent s : sent) {
            if (s.senderDomain() != null) {
                perDomainAndDay.merge(List.of(s.senderDomain(), utcDay(s.at())), 1, Integer::sum);
            }
        }
        db.write("outbox mark sent", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'SENT', attempts = attempts + 1, "
                    + "lease_owner = NULL, updated_at = ? WHERE message_id = ?")) {
                for (Sent s : sent) {
                    setInstant(ps, 1, s.at());
                    ps.setString(2, s.messageId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sent_volume (sender_domain, day, sent) VALUES (?, ?, ?) "
                    + "ON CONFLICT (sender_domain, day) DO UPDATE SET sent = sent_volume.sent + excluded.sent")) {
                for (Map.Entry<List<String>, Integer> e : perDomainAndDay.entrySet()) {
                    ps.setString(1, e.getKey().get(0));
                    ps.setString(2, e.getKey().get(1));
                    ps.setInt(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sent_messages (message_id, sender_domain, sent_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (message_id) DO NOTHING")) {
                for (Sent s : sent) {
                    ps.setString(1, s.messageId());
                    ps.setString(2, s.senderDomain());
                    setInstant(ps, 3, s.at());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return sent.size();
        });
    }

    @Override
    public long sentOn(String senderDomain, LocalDate day) {
        return db.read("outbox sent volume", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT sent FROM sent_volume WHERE sender_domain = ? AND day = ?")) {
                ps.setString(1, senderDomain);
                ps.setString(2, day.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    private static String utcDay(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    @Override
    public void markRetry(String messageId, int attempts, Instant nextAttemptAt, String error, Instant at) {
        markRetry(List.of(new Retry(messageId, attempts, nextAttemptAt, error, at)));
    }

    @Override
    public void markRetry(List<Retry> retries) {
        if (retries.isEmpty()) {
            return;
        }
        db.write("outbox mark retry", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'RETRYING', attempts = ?, "
                    + "next_attempt_at = ?, lease_owner = NULL, last_error = ?, updated_at = ? WHERE message_id = ?")) {
                for (Retry r : retries) {
                    ps.setInt(1, r.attempts());
                    setInstant(ps, 2, r.nextAttemptAt());
                    ps.setString(3, r.error());
                    setInstant(ps, 4, r.at());
                    ps.setString(5, r.messageId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return retries.size();
        });
    }

    @Override
    public void markFailed(String messageId, OutboxStatus status, int attempts, String error, Instant at) {
        if (status != OutboxStatus.FAILED && status != OutboxStatus.BOUNCED) {
            throw new IllegalArgumentException("terminal outbox status must be FAILED or BOUNCED, was " + status);
        }
        update("outbox mark failed", "UPDATE outbox SET status = ?, attempts = ?, last_error = ?, lease_owner = NULL, updated_at = ? "
                + "WHERE message_id = ?", ps -> {
            setEnum(ps, 1, status);
            ps.setInt(2, attempts);
            ps.setString(3, error);
            setInstant(ps, 4, at);
            ps.setString(5, messageId);
        });
    }

    @Override
    public int deleteForRecipient(String recipientKey) {
        return db.write("outbox delete for recipient", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE recipient_key = ?")) {
                ps.setString(1, recipientKey);
                return ps.executeUpdate();
            }
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** A status change; a message erased meanwhile simply matches no row. */
    private void update(String operation, String sql, Binder binder) {
        db.write(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                return ps.executeUpdate();
            }
        });
    }

    private static List<OutboxMessage> messages(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<OutboxMessage> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new OutboxMessage(rs.getString("message_id"), rs.getString("lead_id"),
                        rs.getString("recipient"), rs.getString("recipient_key"), rs.getBytes("mime"),
                        enumValue(rs, "status", OutboxStatus.class), rs.getInt("attempts"),
                        instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "created_at"),
                        instant(rs, "updated_at")));
            }
            return result;
        }
    }

    @Override
    public List<OutboxMessage> forRecipient(String recipientKey) {
        return db.read("outbox for recipient", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM outbox WHERE recipient_key = ? ORDER BY created_at, message_id")) {
                ps.setString(1, recipientKey);
                return messages(ps);
            }
        });
    }

    @Override
    public List<OutboxMessage> forLead(String leadId) {
        return db.read("outbox for lead", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM outbox WHERE lead_id = ? ORDER BY created_at, message_id")) {
                ps.setString(1, leadId);
                return messages(ps);
            }
        });
    }

    @Override
    public int deleteForLead(String leadId) {
        return db.write("outbox delete for lead", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE lead_id = ?")) {
                ps.setString(1, leadId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Backlog backlog() {
        return db.read("outbox backlog", c -> {
            try (PreparedStatement ps = c.prepareStatement(BACKLOG_SQL); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Backlog(rs.getLong("waiting"), instant(rs, "oldest"));
            }
        });
    }
}
