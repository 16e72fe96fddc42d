package dev.outreach.store.jdbc;

import dev.outreach.policy.Channel;
import dev.outreach.store.Consent;
import dev.outreach.store.ConsentEvidence;
import dev.outreach.store.Consents;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.outreach.store.jdbc.Columns.enumValue;
import static dev.outreach.store.jdbc.Columns.instant;
import static dev.outreach.store.jdbc.Columns.setEnum;
import static dev.outreach.store.jdbc.Columns.setInstant;

final class JdbcConsents implements Consents {

    private static final String COLUMNS = "id, channel, kind, subject_key, value, evidence_text, evidence_source, "
            + "evidence_captured_at, evidence_ip, evidence_user_agent, evidence_url, signed_how, created_at, "
            + "revoked_at, revoked_via";

    private final Database db;
    private final RecipientKeyLog keyLog;

    JdbcConsents(Database db, RecipientKeyLog keyLog) {
        this.db = db;
        this.keyLog = keyLog;
    }

    @Override
    public void add(Consent consent) {
        db.write("consent add", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO consents (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ConsentEvidence e = consent.evidence();
                ps.setString(1, consent.id());
                setEnum(ps, 2, consent.channel());
                ps.setString(3, consent.kind());
                ps.setString(4, consent.subjectKey());
                ps.setString(5, consent.value());
                ps.setString(6, e.text());
                ps.setString(7, e.source());
                setInstant(ps, 8, e.capturedAt());
                ps.setString(9, e.ip());
                ps.setString(10, e.userAgent());
                ps.setString(11, e.url());
                ps.setString(12, e.signedHow());
                setInstant(ps, 13, consent.createdAt());
                setInstant(ps, 14, consent.revokedAt());
                ps.setString(15, consent.revokedVia());
                int inserted = ps.executeUpdate();
                keyLog.note(c, consent.subjectKey());
                return inserted;
            }
        });
    }

    @Override
    public Optional<Consent> find(String id) {
        return db.read("consent find", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM consents WHERE id = ?")) {
                ps.setString(1, id);
                return consents(ps).stream().findFirst();
            }
        });
    }

    @Override
    public List<Consent> findByKey(String subjectKey) {
        return db.read("consent find by key", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM consents WHERE subject_key = ? ORDER BY created_at, id")) {
                ps.setString(1, subjectKey);
                return consents(ps);
            }
        });
    }

    @Override
    public List<Consent> findActiveByKey(String subjectKey, Instant at) {
        return db.read("consent find active by key", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM consents WHERE subject_key = ?"
                    + " AND evidence_captured_at <= ? AND (revoked_at IS NULL OR revoked_at > ?)"
                    + " ORDER BY created_at, id")) {
                ps.setString(1, subjectKey);
                setInstant(ps, 2, at);
                setInstant(ps, 3, at);
                return consents(ps);
            }
        });
    }

    @Override
    public int revokeAll(String subjectKey, Channel channel, Instant at, String via) {
        // A provisional revocation only takes consents in force; a definitive one also settles provisional ones.
        boolean provisional = via.startsWith(Consent.PROVISIONAL_PREFIX);
        String which = provisional ? "revoked_at IS NULL" : "(revoked_at IS NULL OR revoked_via LIKE ?)";
        String sql = "UPDATE consents SET revoked_at = COALESCE(revoked_at, ?), revoked_via = ? WHERE subject_key = ?"
                + (channel == null ? "" : " AND channel = ?") + " AND " + which;
        return db.write("consent revoke", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                setInstant(ps, i++, at);
                ps.setString(i++, via);
                ps.setString(i++, subjectKey);
                if (channel != null) {
                    setEnum(ps, i++, channel);
                }
                if (!provisional) {
                    ps.setString(i, Consent.PROVISIONAL_PREFIX + "%");
                }
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int reinstate(String subjectKey, String via) {
        return db.write("consent reinstate", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE consents SET revoked_at = NULL, revoked_via = NULL"
                    + " WHERE subject_key = ? AND revoked_via = ?")) {
                ps.setString(1, subjectKey);
                ps.setString(2, via);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int transferRevocations(String subjectKey, String fromVia, String toVia) {
        return db.write("consent transfer revocations", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE consents SET revoked_via = ?"
                    + " WHERE subject_key = ? AND revoked_via = ?")) {
                ps.setString(1, toVia);
                ps.setString(2, subjectKey);
                ps.setString(3, fromVia);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int forgetValues(String subjectKey) {
        return db.write("consent forget values", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE consents SET value = NULL, evidence_ip = NULL,"
                    + " evidence_user_agent = NULL WHERE subject_key = ?")) {
                ps.setString(1, subjectKey);
                return ps.executeUpdate();
            }
        });
    }

    private static List<Consent> consents(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Consent> result = new ArrayList<>();
            while (rs.next()) {
                ConsentEvidence evidence = new ConsentEvidence(rs.getString("evidence_text"),
                        rs.getString("evidence_source"), instant(rs, "evidence_captured_at"),
                        rs.getString("evidence_ip"), rs.getString("evidence_user_agent"),
                        rs.getString("evidence_url"), rs.getString("signed_how"));
                result.add(new Consent(rs.getString("id"), enumValue(rs, "channel", Channel.class),
                        rs.getString("kind"), rs.getString("subject_key"), rs.getString("value"), evidence,
                        instant(rs, "created_at"), instant(rs, "revoked_at"), rs.getString("revoked_via")));
            }
            return result;
        }
    }
}
