package dev.outreach.store.jdbc;

import dev.outreach.store.AuditChain;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.NewAuditEntry;
import dev.outreach.store.PruneBoundary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static dev.outreach.store.jdbc.Columns.instant;
import static dev.outreach.store.jdbc.Columns.setInstant;

/**
 * The audit chain. Appends are serialised (PostgreSQL advisory lock, SQLite's single writer) so
 * that reading the head and inserting its successor is one indivisible step on every instance.
 *
 * <p>Every query pages in seq order; each filter has an index ending in seq (see
 * {@code V4__audit.sql}), and the rule filter goes through {@code audit_rules}, one row per
 * blocking rule of an entry, written in the same transaction as the entry. A time range becomes a
 * seq range through {@code ordered_at}, the latest {@code at} up to each entry (never decreasing
 * along the chain): entries whose own time is earlier than that ("late": stamped before they waited
 * for the head, or written with an earlier time) are found through their own small index, so the
 * range is exact whatever times were appended.
 */
final class JdbcAuditEntries implements AuditEntries {

    /**
     * The actor filter finds a person by the exact actor text, by the key's name or by its id (with or
     * without {@code key:}): actors are recorded as {@code name (ROLE, key:<id>)} (gateway.Actor),
     * older entries as {@code key:<id>}. The term is resolved to those exact texts through the key
     * table, so the filter stays an equality the (actor, seq) index answers.
     */
    private static void actorFilter(Connection c, Where where, String actor) throws SQLException {
        if (actor == null) {
            return;
        }
        java.util.Set<String> actors = new java.util.LinkedHashSet<>();
        actors.add(actor);
        String id = actor.startsWith("key:") ? actor.substring(4) : actor;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, role FROM api_keys WHERE name = ? OR id = ?")) {
            ps.setString(1, actor);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actors.add(rs.getString("name") + " (" + rs.getString("role") + ", key:" + rs.getString("id") + ")");
                    actors.add("key:" + rs.getString("id"));
                }
            }
        }
        where.addAll("e.actor IN (" + String.join(", ", java.util.Collections.nCopies(actors.size(), "?")) + ")",
                actors.toArray());
    }

    private static final String COLUMNS = "seq, id, at, kind, actor, subject_key, lead_id, channel, decision, rules, "
            + "payload, prev_hash, hash";
    private static final String E_COLUMNS = "e.seq, e.id, e.at, e.kind, e.actor, e.subject_key, e.lead_id, "
            + "e.channel, e.decision, e.rules, e.payload, e.prev_hash, e.hash";
    /** The first entry whose ordered_at reaches a time (epoch millis): from the (ordered_at, seq) index. */
    private static final String FIRST_SEQ_ORDERED_AT_OR_AFTER =
            "SELECT seq FROM audit_entries WHERE ordered_at >= ? ORDER BY ordered_at, seq LIMIT 1";
    /** The newest late entry dated before a time: from the partial index of late entries. */
    private static final String LAST_LATE_SEQ_BEFORE =
            "SELECT MAX(seq) FROM audit_entries WHERE at < ordered_at AND at < ?";
    private static final int STREAM_FETCH_SIZE = 1000;
    private static final int SUBJECT_BATCH = 500;
    private static final int PRUNE_BATCH = 10_000;

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
            long orderedAt = e.at().toEpochMilli();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, hash, ordered_at FROM audit_entries ORDER BY seq DESC LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    seq = rs.getLong("seq") + 1;
                    prevHash = rs.getString("hash");
                    orderedAt = Math.max(orderedAt, rs.getLong("ordered_at"));
                } else {
                    Optional<PruneBoundary> boundary = pruneBoundary(c);
                    if (boundary.isPresent()) {
                        seq = boundary.get().seq() + 1;
                        prevHash = boundary.get().hash();
                    }
                }
            }
            String hash = AuditChain.hash(seq, e.id(), e.at(), e.kind(), e.actor(), e.subjectKey(), e.leadId(),
                    e.channel(), e.decision(), e.rules(), e.payload(), prevHash);
            AuditEntry entry = new AuditEntry(seq, e.id(), e.at(), e.kind(), e.actor(), e.subjectKey(), e.leadId(),
                    e.channel(), e.decision(), e.rules(), e.payload(), prevHash, hash);
            insert(c, entry, orderedAt);
            insertRules(c, entry);
            return entry;
        });
    }

    /** {@code from} is inclusive and {@code to} exclusive, so consecutive windows never overlap. */
    @Override
    public List<AuditEntry> page(AuditQuery q) {
        if (q.limit() <= 0) {
            throw new IllegalArgumentException("audit page limit must be positive, was " + q.limit());
        }
        return db.read("audit page", c -> {
            Select select = select(c, q);
            if (select == null) {
                return List.of();
            }
            try (PreparedStatement ps = c.prepareStatement(select.sql)) {
                select.bind(ps);
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
    public List<AuditEntry> pageNewestFirst(AuditQuery q, long beforeSeq) {
        if (q.limit() <= 0) {
            throw new IllegalArgumentException("audit page limit must be positive, was " + q.limit());
        }
        return db.read("audit page newest first", c -> {
            Select select = select(c, q, true, beforeSeq);
            if (select == null) {
                return List.of();
            }
            try (PreparedStatement ps = c.prepareStatement(select.sql)) {
                select.bind(ps);
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
    public void stream(AuditQuery q, Consumer<AuditEntry> consumer) {
        if (q.limit() < 0) {
            throw new IllegalArgumentException("audit stream limit must be 0 (all) or positive, was " + q.limit());
        }
        db.readStreaming("audit stream", c -> {
            Select select = select(c, q);
            if (select == null) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement(select.sql)) {
                ps.setFetchSize(STREAM_FETCH_SIZE);
                select.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(entry(rs));
                    }
                }
            }
            return null;
        });
    }

    /** The query plan the database chooses for this filter combination, one line per plan node. */
    String plan(AuditQuery q) {
        String explain = db.dialect() == Dialect.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
        return db.read("audit plan", c -> {
            Select select = select(c, q);
            if (select == null) {
                return "(no entry in the time range: no query)";
            }
            try (PreparedStatement ps = c.prepareStatement(explain + select.sql)) {
                select.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    StringBuilder plan = new StringBuilder();
                    int column = db.dialect() == Dialect.SQLITE ? rs.findColumn("detail") : 1;
                    while (rs.next()) {
                        plan.append(rs.getString(column)).append('\n');
                    }
                    return plan.toString();
                }
            }
        });
    }

    /**
     * The SELECT for a query, or null when its time range holds no entry. With a rule filter the
     * walk starts from {@code audit_rules}, whose primary key (rule, seq) yields that rule's entries
     * in cursor order. A time range is first turned into a seq range (two or three index lookups),
     * so the walk stays in seq order on whichever index fits the other filters; the time conditions
     * themselves stay as filters ("+ 0" keeps them off the index choice).
     */
    private static Select select(Connection c, AuditQuery q) throws SQLException {
        return select(c, q, false, 0);
    }

    /** @param newestFirst descending by seq, below {@code beforeSeq} when that is positive */
    private static Select select(Connection c, AuditQuery q, boolean newestFirst, long beforeSeq) throws SQLException {
        long low = 0;
        long high = Long.MAX_VALUE;
        if (q.from() != null) {
            Long first = firstSeq(c, FIRST_SEQ_ORDERED_AT_OR_AFTER, q.from().toEpochMilli());
            if (first == null) {
                return null;
            }
            low = first;
        }
        if (q.to() != null) {
            Long end = firstSeq(c, FIRST_SEQ_ORDERED_AT_OR_AFTER, q.to().toEpochMilli());
            Long late = firstSeq(c, LAST_LATE_SEQ_BEFORE, q.to().toEpochMilli());
            high = end == null ? Long.MAX_VALUE : end;
            if (late != null && late >= high) {
                high = late + 1;
            }
        }
        Where where = new Where();
        String from;
        String seq;
        if (q.rule() != null) {
            from = " FROM audit_rules r JOIN audit_entries e ON e.seq = r.seq";
            seq = "r.seq";
            where.add("r.rule = ?", q.rule());
        } else {
            from = " FROM audit_entries e";
            seq = "e.seq";
        }
        where.add(seq + " > ?", Math.max(q.afterSeq(), low - 1))
                .addIfPresent(seq + " < ?", high == Long.MAX_VALUE ? null : high)
                .addIfPresent("e.at + 0 >= ?", Columns.millis(q.from()))
                .addIfPresent("e.at + 0 < ?", Columns.millis(q.to()))
                .equalIfPresent("e.subject_key", q.subjectKey())
                .equalIfPresent("e.lead_id", q.leadId())
                .equalIfPresent("e.channel", q.channel())
                .equalIfPresent("e.decision", q.decision())
                .equalIfPresent("e.kind", q.kind());
        actorFilter(c, where, q.actor());
        if (newestFirst && beforeSeq > 0) {
            where.add(seq + " < ?", beforeSeq);
        }
        String order = " ORDER BY " + seq + (newestFirst ? " DESC" : "");
        String limit = q.limit() > 0 ? " LIMIT " + q.limit() : "";
        return new Select("SELECT " + E_COLUMNS + from + where.sql() + order + limit, where);
    }

    private static Long firstSeq(Connection c, String sql, long millis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, millis);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long seq = rs.getLong(1);
                return rs.wasNull() ? null : seq;
            }
        }
    }

    private record Select(String sql, Where where) {
        void bind(PreparedStatement ps) throws SQLException {
            where.bind(ps);
        }
    }

    @Override
    public Optional<AuditEntry> find(String id) {
        return one("audit find", "SELECT " + COLUMNS + " FROM audit_entries WHERE id = ?", id);
    }

    @Override
    public Optional<AuditEntry> findBySeq(long seq) {
        return one("audit find by seq", "SELECT " + COLUMNS + " FROM audit_entries WHERE seq = ?", seq);
    }

    @Override
    public Optional<AuditEntry> head() {
        return db.read("audit head", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit_entries ORDER BY seq DESC LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        });
    }

    private Optional<AuditEntry> one(String operation, String sql, Object parameter) {
        return db.read(operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, parameter);
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
                ps.setFetchSize(STREAM_FETCH_SIZE);
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
    public Map<String, String> readableSubjects(Collection<String> subjectKeys) {
        List<String> keys = new ArrayList<>(new LinkedHashSet<>(subjectKeys));
        keys.removeIf(k -> k == null);
        Map<String, String> found = new HashMap<>();
        for (int start = 0; start < keys.size(); start += SUBJECT_BATCH) {
            List<String> batch = keys.subList(start, Math.min(keys.size(), start + SUBJECT_BATCH));
            String marks = String.join(", ", java.util.Collections.nCopies(batch.size(), "?"));
            db.read("audit subjects find", c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT subject_key, readable FROM audit_subjects WHERE subject_key IN (" + marks + ")")) {
                    for (int i = 0; i < batch.size(); i++) {
                        ps.setString(i + 1, batch.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
                return null;
            });
        }
        return found;
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

    @Override
    public Optional<PruneBoundary> pruneBoundary() {
        return db.read("audit prune boundary", JdbcAuditEntries::pruneBoundary);
    }

    private static Optional<PruneBoundary> pruneBoundary(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, hash, pruned_at FROM audit_prune_boundary ORDER BY seq DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next()
                    ? Optional.of(new PruneBoundary(rs.getLong("seq"), rs.getString("hash"), instant(rs, "pruned_at")))
                    : Optional.empty();
        }
    }

    @Override
    public long prune(PruneBoundary boundary) {
        db.write("audit prune boundary record", c -> {
            Optional<PruneBoundary> recorded = pruneBoundary(c);
            if (recorded.isPresent() && recorded.get().seq() > boundary.seq()) {
                throw new IllegalArgumentException("entries up to " + recorded.get().seq()
                        + " are already pruned; a boundary at " + boundary.seq() + " would move it back");
            }
            if (recorded.isEmpty() || recorded.get().seq() < boundary.seq()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO audit_prune_boundary (seq, hash, pruned_at) VALUES (?, ?, ?)")) {
                    ps.setLong(1, boundary.seq());
                    ps.setString(2, boundary.hash());
                    setInstant(ps, 3, boundary.prunedAt());
                    ps.executeUpdate();
                }
            }
            return null;
        });
        long deleted = 0;
        while (true) {
            long batch = db.write("audit prune", c -> {
                long low;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT seq FROM audit_entries WHERE seq <= ? ORDER BY seq LIMIT 1")) {
                    ps.setLong(1, boundary.seq());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return -1L;
                        }
                        low = rs.getLong(1);
                    }
                }
                long high = Math.min(boundary.seq(), low + PRUNE_BATCH - 1);
                try (PreparedStatement rules = c.prepareStatement(
                        "DELETE FROM audit_rules WHERE seq >= ? AND seq <= ?")) {
                    rules.setLong(1, low);
                    rules.setLong(2, high);
                    rules.executeUpdate();
                }
                try (PreparedStatement entries = c.prepareStatement(
                        "DELETE FROM audit_entries WHERE seq >= ? AND seq <= ?")) {
                    entries.setLong(1, low);
                    entries.setLong(2, high);
                    return (long) entries.executeUpdate();
                }
            });
            if (batch < 0) {
                return deleted;
            }
            deleted += batch;
        }
    }

    private static void insert(Connection c, AuditEntry e, long orderedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entries (" + COLUMNS
                + ", ordered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
            ps.setLong(14, orderedAt);
            ps.executeUpdate();
        }
    }

    private static void insertRules(Connection c, AuditEntry e) throws SQLException {
        Set<String> rules = ruleIds(e.rules());
        if (rules.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_rules (rule, seq) VALUES (?, ?)")) {
            for (String rule : rules) {
                ps.setString(1, rule);
                ps.setLong(2, e.seq());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The distinct, non-empty rule ids of a comma-joined rules column. */
    static Set<String> ruleIds(String rules) {
        Set<String> ids = new LinkedHashSet<>();
        if (rules != null) {
            for (String id : rules.split(",")) {
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getString("id"), instant(rs, "at"), rs.getString("kind"),
                rs.getString("actor"), rs.getString("subject_key"), rs.getString("lead_id"), rs.getString("channel"),
                rs.getString("decision"), rs.getString("rules"), rs.getString("payload"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
