package dev.outreach.store.jdbc;

import dev.outreach.lead.Stage;
import dev.outreach.store.Touch;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.Verdict;
import dev.outreach.store.Touches;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.outreach.store.jdbc.Columns.enumValue;
import static dev.outreach.store.jdbc.Columns.instant;
import static dev.outreach.store.jdbc.Columns.setEnum;
import static dev.outreach.store.jdbc.Columns.setInstant;

final class JdbcTouches implements Touches {

    private static final int SCAN_FETCH_SIZE = 500;
    private static final String COLUMNS = "id, lead_id, recipient_key, channel, purpose, stage, template, decision, "
            + "blocked_by, audit_id, reference, dry_run, at, dialer, subject";

    private final Database db;
    private final RecipientKeyLog keyLog;

    JdbcTouches(Database db, RecipientKeyLog keyLog) {
        this.db = db;
        this.keyLog = keyLog;
    }

    @Override
    public void record(Touch touch) {
        db.write("touch record", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO touches (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, touch.id());
                ps.setString(2, touch.leadId());
                ps.setString(3, touch.recipientKey());
                setEnum(ps, 4, touch.channel());
                setEnum(ps, 5, touch.purpose());
                setEnum(ps, 6, touch.stage());
                ps.setString(7, touch.template());
                setEnum(ps, 8, touch.decision());
                ps.setString(9, Columns.joined(touch.blockedBy()));
                ps.setString(10, touch.auditId());
                ps.setString(11, touch.reference());
                ps.setBoolean(12, touch.dryRun());
                setInstant(ps, 13, touch.at());
                setEnum(ps, 14, touch.dialer());
                ps.setString(15, touch.subject());
                int inserted = ps.executeUpdate();
                keyLog.note(c, touch.recipientKey());
                return inserted;
            }
        });
    }

    @Override
    public List<Touch> forLead(String leadId) {
        return db.read("touches for lead", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM touches WHERE lead_id = ? ORDER BY at, id")) {
                ps.setString(1, leadId);
                return touches(ps);
            }
        });
    }

    @Override
    public java.util.Optional<Touch> find(String id) {
        return db.read("touch by id", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM touches WHERE id = ?")) {
                ps.setString(1, id);
                return touches(ps).stream().findFirst();
            }
        });
    }

    @Override
    public List<Touch> toRecipientSince(String recipientKey, Instant since) {
        return db.read("touches to recipient", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM touches WHERE recipient_key = ? AND at >= ? ORDER BY at, id")) {
                ps.setString(1, recipientKey);
                setInstant(ps, 2, since);
                return touches(ps);
            }
        });
    }

    /** {@code from} is inclusive and {@code to} exclusive, so consecutive windows never overlap. */
    @Override
    public void scan(Instant from, Instant to, Consumer<Touch> consumer) {
        Where where = new Where()
                .addIfPresent("at >= ?", Columns.millis(from))
                .addIfPresent("at < ?", Columns.millis(to));
        db.readStreaming("touch scan", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM touches" + where.sql() + " ORDER BY at, id")) {
                ps.setFetchSize(SCAN_FETCH_SIZE);
                where.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(touch(rs));
                    }
                }
            }
            return null;
        });
    }

    private static List<Touch> touches(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Touch> result = new ArrayList<>();
            while (rs.next()) {
                result.add(touch(rs));
            }
            return result;
        }
    }

    private static Touch touch(ResultSet rs) throws SQLException {
        return new Touch(rs.getString("id"), rs.getString("lead_id"), rs.getString("recipient_key"),
                enumValue(rs, "channel", Channel.class), enumValue(rs, "purpose", Purpose.class),
                enumValue(rs, "stage", Stage.class), rs.getString("template"),
                enumValue(rs, "decision", Verdict.class), Columns.split(rs.getString("blocked_by")),
                rs.getString("audit_id"), rs.getString("reference"), rs.getBoolean("dry_run"),
                instant(rs, "at"), enumValue(rs, "dialer", Dialer.class), rs.getString("subject"));
    }

    @Override
    public List<Touch> forRecipient(String recipientKey) {
        return db.read("touches for recipient", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM touches WHERE recipient_key = ? ORDER BY at, id")) {
                ps.setString(1, recipientKey);
                return touches(ps);
            }
        });
    }

    @Override
    public int forgetSubjects(String recipientKey) {
        return db.write("touch subjects forget", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE touches SET subject = NULL WHERE recipient_key = ? AND subject IS NOT NULL")) {
                ps.setString(1, recipientKey);
                return ps.executeUpdate();
            }
        });
    }
}
