package dev.outreach.store.jdbc;

import dev.outreach.audit.AuditChain;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.NewAuditEntry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static dev.outreach.store.jdbc.Columns.instant;
import static dev.outreach.store.jdbc.Columns.setInstant;

/**
 * The audit chain. Appends are serialised (PostgreSQL advisory lock, SQLite's single writer) so
 * that reading the head and inserting its successor is one indivisible step on every instance.
 */
final class JdbcAuditEntries implements AuditEntries {

    private static final String COLUMNS = "seq, id, at, kind, actor, subject_key, lead_id, channel, decision, rules, "
            + "payload, prev_hash, hash";
    private static final int SCAN_FETCH_SIZE = 500;

    private final Database db;

    JdbcAuditEntries(Database db) {
        this.db = db;
    }

    @Override
    public AuditEntry append(NewAuditEntry e) {
        return db.write("audit append", c -> {
            db.dialect().lockAuditHead(c);
            long seq = 1;
            String prevHash = AuditChain.GENESIS;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    seq = rs.getLong("seq") + 1;
                    prevHash = rs.getString("hash");
                }
            }
            String hash = AuditChain.hash(seq, e.id(), e.at(), e.kind(), e.actor(), e.subjectKey(), e.leadId(),
                    e.channel(), e.decision(), e.rules(), e.payload(), prevHash);
            AuditEntry entry = new AuditEntry(seq, e.id(), e.at(), e.kind(), e.actor(), e.subjectKey(), e.leadId(),
                    e.channel(), e.decision(), e.rules(), e.payload(), prevHash, hash);
            insert(c, entry);
            return entry;
        });
    }

    /** {@code from} is inclusive and {@code to} exclusive, so consecutive windows never overlap. */
    @Override
    public List<AuditEntry> page(AuditQuery q) {
        if (q.limit() <= 0) {
            throw new IllegalArgumentException("audit page limit must be positive, was " + q.limit());
        }
        Where where = new Where()
                .add("seq > ?", q.afterSeq())
                .addIfPresent("at >= ?", Columns.millis(q.from()))
                .addIfPresent("at < ?", Columns.millis(q.to()))
                .equalIfPresent("subject_key", q.subjectKey())
                .equalIfPresent("lead_id", q.leadId())
                .equalIfPresent("channel", q.channel())
                .equalIfPresent("decision", q.decision())
                .equalIfPresent("kind", q.kind())
                // Commas around both sides match one whole rule id, never a part of another id.
                .addIfPresent("(',' || rules || ',') LIKE ? ESCAPE '\\'",
                        q.rule() == null ? null : "%," + escapeLike(q.rule()) + ",%");
        return db.read("audit page", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit_entries" + where.sql() + " ORDER BY seq LIMIT ?")) {
                ps.setInt(where.bind(ps), q.limit());
                try (ResultSet rs = ps.executeQuery()) {
                    List<AuditEntry> result = new ArrayList<>();
                    while (rs.next()) {
                        result.add(entry(rs));
                    }
                    return result;
                }
            }
        });
    }

    @Override
    public Optional<AuditEntry> find(String id) {
        return db.read("audit find", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_entries WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void scan(Consumer<AuditEntry> consumer) {
        db.readStreaming("audit scan", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_entries ORDER BY seq")) {
                ps.setFetchSize(SCAN_FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(entry(rs));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void rememberSubject(String subjectKey, String readable) {
        db.write("audit subject remember", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_subjects (subject_key, readable) "
                    + "VALUES (?, ?) ON CONFLICT (subject_key) DO NOTHING")) {
                ps.setString(1, subjectKey);
                ps.setString(2, readable);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> readableSubject(String subjectKey) {
        return db.read("audit subject find", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT readable FROM audit_subjects WHERE subject_key = ?")) {
                ps.setString(1, subjectKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void forgetSubject(String subjectKey) {
        db.write("audit subject forget", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_subjects WHERE subject_key = ?")) {
                ps.setString(1, subjectKey);
                return ps.executeUpdate();
            }
        });
    }

    private static void insert(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entries (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, e.seq());
            ps.setString(2, e.id());
            setInstant(ps, 3, e.at());
            ps.setString(4, e.kind());
            ps.setString(5, e.actor());
            ps.setString(6, e.subjectKey());
            ps.setString(7, e.leadId());
            ps.setString(8, e.channel());
            ps.setString(9, e.decision());
            ps.setString(10, e.rules());
            ps.setString(11, e.payload());
            ps.setString(12, e.prevHash());
            ps.setString(13, e.hash());
            ps.executeUpdate();
        }
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getString("id"), instant(rs, "at"), rs.getString("kind"),
                rs.getString("actor"), rs.getString("subject_key"), rs.getString("lead_id"), rs.getString("channel"),
                rs.getString("decision"), rs.getString("rules"), rs.getString("payload"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
