package dev.outreach.store.jdbc;

import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.LineType;
import dev.outreach.lead.Qualification;
import dev.outreach.lead.Stage;
import dev.outreach.lead.StageTransition;
import dev.outreach.store.DuplicateKeyException;
import dev.outreach.store.InactiveLead;
import dev.outreach.store.Leads;
import dev.outreach.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import static dev.outreach.store.jdbc.Columns.enumValue;
import static dev.outreach.store.jdbc.Columns.instant;
import static dev.outreach.store.jdbc.Columns.setEnum;
import static dev.outreach.store.jdbc.Columns.setInstant;

final class JdbcLeads implements Leads {

    private static final int SCAN_FETCH_SIZE = 500;
    /** Bind parameters per IN list; well inside SQLite's and PostgreSQL's limits. */
    private static final int IN_CHUNK = 500;
    private static final String COLUMNS = "id, email, phone, first_name, last_name, company, country, region, "
            + "time_zone, stage, outcome, owner, source, q_need, q_budget, q_authority, q_timeline, q_fit, "
            + "created_at, stage_entered_at, updated_at, phone_verified_landline, phone_line_type";

    private final Database db;
    private final RecipientKeyLog keyLog;

    JdbcLeads(Database db, RecipientKeyLog keyLog) {
        this.db = db;
        this.keyLog = keyLog;
    }

    @Override
    public void create(Lead lead, StageTransition initial) throws DuplicateKeyException {
        try {
            db.write("lead create", c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO leads (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, lead.id());
                    bindFields(ps, lead, 2);
                    ps.executeUpdate();
                }
                keyLog.note(c, lead.email(), lead.phone());
                insertTransition(c, initial);
                return null;
            });
        } catch (UniqueViolationException e) {
            throw new DuplicateKeyException("a lead with this id already exists");
        }
    }

    @Override
    public Optional<Lead> find(String id) {
        return findOne("lead find", "id", id);
    }

    @Override
    public Optional<Lead> findByEmail(String normalisedEmail) {
        return findOne("lead find by email", "email", normalisedEmail);
    }

    @Override
    public Optional<Lead> findByPhone(String e164) {
        return findOne("lead find by phone", "phone", e164);
    }

    @Override
    public void update(Lead lead) {
        db.write("lead update", c -> {
            updateRow(c, lead);
            return null;
        });
    }

    @Override
    public List<Lead> list(Stage stage, String owner, String afterId, int limit) {
        Where where = new Where()
                .equalIfPresent("stage", stage == null ? null : stage.name())
                .equalIfPresent("owner", owner)
                .addIfPresent("id > ?", afterId);
        return db.read("lead list", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM leads" + where.sql() + " ORDER BY id LIMIT ?")) {
                ps.setInt(where.bind(ps), limit);
                return leads(ps);
            }
        });
    }

    @Override
    public void transition(Lead updated, StageTransition transition) {
        db.write("lead transition", c -> {
            updateRow(c, updated);
            insertTransition(c, transition);
            return null;
        });
    }

    @Override
    public List<StageTransition> transitions(String leadId) {
        return db.read("lead transitions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT lead_id, from_stage, to_stage, outcome, at, actor "
                    + "FROM stage_transitions WHERE lead_id = ? ORDER BY at, id")) {
                ps.setString(1, leadId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<StageTransition> result = new ArrayList<>();
                    while (rs.next()) {
                        result.add(transition(rs));
                    }
                    return result;
                }
            }
        });
    }

    @Override
    public void scan(String owner, Consumer<Lead> consumer) {
        Where where = new Where().equalIfPresent("owner", owner);
        db.readStreaming("lead scan", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM leads" + where.sql() + " ORDER BY id")) {
                ps.setFetchSize(SCAN_FETCH_SIZE);
                where.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(lead(rs));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void scanTransitions(String owner, Consumer<StageTransition> consumer) {
        String sql = owner == null
                ? "SELECT t.lead_id, t.from_stage, t.to_stage, t.outcome, t.at, t.actor FROM stage_transitions t "
                        + "ORDER BY t.lead_id, t.at, t.id"
                : "SELECT t.lead_id, t.from_stage, t.to_stage, t.outcome, t.at, t.actor FROM stage_transitions t "
                        + "JOIN leads l ON l.id = t.lead_id WHERE l.owner = ? ORDER BY t.lead_id, t.at, t.id";
        db.readStreaming("lead transition scan", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(SCAN_FETCH_SIZE);
                if (owner != null) {
                    ps.setString(1, owner);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(transition(rs));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public Set<String> existingIds(Collection<String> ids) {
        return existing("lead ids exist", "id", ids);
    }

    @Override
    public Set<String> existingEmails(Collection<String> emails) {
        return existing("lead emails exist", "email", emails);
    }

    private Set<String> existing(String operation, String column, Collection<String> values) {
        List<String> distinct = values.stream().filter(Objects::nonNull).distinct().toList();
        Set<String> found = new HashSet<>();
        for (int start = 0; start < distinct.size(); start += IN_CHUNK) {
            List<String> chunk = distinct.subList(start, Math.min(distinct.size(), start + IN_CHUNK));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            found.addAll(db.read(operation, c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT DISTINCT " + column + " FROM leads WHERE " + column + " IN (" + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    Set<String> result = new HashSet<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            result.add(rs.getString(1));
                        }
                    }
                    return result;
                }
            }));
        }
        return found;
    }

    @Override
    public void createAll(List<Lead> leads, List<StageTransition> initial) throws DuplicateKeyException {
        if (leads.size() != initial.size()) {
            throw new IllegalArgumentException("one initial transition per lead: " + leads.size() + " leads, "
                    + initial.size() + " transitions");
        }
        if (leads.isEmpty()) {
            return;
        }
        try {
            db.write("lead create batch", c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO leads (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Lead lead : leads) {
                        ps.setString(1, lead.id());
                        bindFields(ps, lead, 2);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                for (Lead lead : leads) {
                    keyLog.note(c, lead.email(), lead.phone());
                }
                try (PreparedStatement ps = c.prepareStatement(INSERT_TRANSITION)) {
                    for (StageTransition t : initial) {
                        bindTransition(ps, t);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        } catch (UniqueViolationException e) {
            throw new DuplicateKeyException("a lead with one of these ids already exists");
        }
    }

    private Optional<Lead> findOne(String operation, String column, String value) {
        return db.read(operation, c -> {
            // Email and phone are not unique across leads; the lowest id answers deterministically.
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM leads WHERE " + column + " = ? ORDER BY id LIMIT 1")) {
                ps.setString(1, value);
                return leads(ps).stream().findFirst();
            }
        });
    }

    private void updateRow(Connection c, Lead lead) throws SQLException {
        // The address or number may be new; logging an unchanged one again costs one row.
        keyLog.note(c, lead.email(), lead.phone());
        try (PreparedStatement ps = c.prepareStatement("UPDATE leads SET email = ?, phone = ?, first_name = ?, "
                + "last_name = ?, company = ?, country = ?, region = ?, time_zone = ?, stage = ?, outcome = ?, "
                + "owner = ?, source = ?, q_need = ?, q_budget = ?, q_authority = ?, q_timeline = ?, q_fit = ?, "
                + "created_at = ?, stage_entered_at = ?, updated_at = ?, phone_verified_landline = ?, phone_line_type = ? "
                + "WHERE id = ?")) {
            int next = bindFields(ps, lead, 1);
            ps.setString(next, lead.id());
            if (ps.executeUpdate() == 0) {
                throw new StoreException("lead update failed: no such lead", null);
            }
        }
    }

    /** Binds every column but id, in {@link #COLUMNS} order, from {@code index}; returns the next index. */
    private static int bindFields(PreparedStatement ps, Lead lead, int index) throws SQLException {
        ps.setString(index++, lead.email());
        ps.setString(index++, lead.phone());
        ps.setString(index++, lead.firstName());
        ps.setString(index++, lead.lastName());
        ps.setString(index++, lead.company());
        ps.setString(index++, lead.country());
        ps.setString(index++, lead.region());
        ps.setString(index++, lead.timeZone());
        setEnum(ps, index++, lead.stage());
        setEnum(ps, index++, lead.outcome());
        ps.setString(index++, lead.owner());
        setEnum(ps, index++, lead.source());
        Qualification q = lead.qualification();
        ps.setBoolean(index++, q.need());
        ps.setBoolean(index++, q.budget());
        ps.setBoolean(index++, q.authority());
        ps.setBoolean(index++, q.timeline());
        ps.setBoolean(index++, q.fit());
        setInstant(ps, index++, lead.createdAt());
        setInstant(ps, index++, lead.stageEnteredAt());
        setInstant(ps, index++, lead.updatedAt());
        ps.setBoolean(index++, lead.phoneVerifiedLandline());
        setEnum(ps, index++, lead.lineType());
        return index;
    }

    private static final String INSERT_TRANSITION = "INSERT INTO stage_transitions "
            + "(lead_id, from_stage, to_stage, outcome, at, actor) VALUES (?, ?, ?, ?, ?, ?)";

    private static void insertTransition(Connection c, StageTransition t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_TRANSITION)) {
            bindTransition(ps, t);
            ps.executeUpdate();
        }
    }

    private static void bindTransition(PreparedStatement ps, StageTransition t) throws SQLException {
        ps.setString(1, t.leadId());
        setEnum(ps, 2, t.from());
        setEnum(ps, 3, t.to());
        setEnum(ps, 4, t.outcome());
        setInstant(ps, 5, t.at());
        ps.setString(6, t.actor());
    }

    private static StageTransition transition(ResultSet rs) throws SQLException {
        return new StageTransition(rs.getString("lead_id"), enumValue(rs, "from_stage", Stage.class),
                enumValue(rs, "to_stage", Stage.class), enumValue(rs, "outcome", LeadOutcome.class),
                instant(rs, "at"), rs.getString("actor"));
    }

    private static List<Lead> leads(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Lead> result = new ArrayList<>();
            while (rs.next()) {
                result.add(lead(rs));
            }
            return result;
        }
    }

    private static Lead lead(ResultSet rs) throws SQLException {
        return new Lead(rs.getString("id"), rs.getString("email"), rs.getString("phone"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("company"),
                rs.getString("country"), rs.getString("region"), rs.getString("time_zone"),
                enumValue(rs, "stage", Stage.class), enumValue(rs, "outcome", LeadOutcome.class),
                rs.getString("owner"), enumValue(rs, "source", LeadSource.class),
                new Qualification(rs.getBoolean("q_need"), rs.getBoolean("q_budget"),
                        rs.getBoolean("q_authority"), rs.getBoolean("q_timeline"), rs.getBoolean("q_fit")),
                instant(rs, "created_at"), instant(rs, "stage_entered_at"), instant(rs, "updated_at"),
                rs.getBoolean("phone_verified_landline"), enumValue(rs, "phone_line_type", LineType.class));
    }

    @Override
    public List<Lead> withContact(Collection<String> emails, Collection<String> phones) {
        Map<String, Lead> found = new TreeMap<>();
        for (String column : List.of("email", "phone")) {
            List<String> values = (column.equals("email") ? emails : phones).stream().filter(Objects::nonNull)
                    .distinct().toList();
            for (int start = 0; start < values.size(); start += IN_CHUNK) {
                List<String> chunk = values.subList(start, Math.min(values.size(), start + IN_CHUNK));
                String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
                db.read("leads with contact", c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT " + COLUMNS + " FROM leads WHERE " + column + " IN (" + marks + ")")) {
                        for (int i = 0; i < chunk.size(); i++) {
                            ps.setString(i + 1, chunk.get(i));
                        }
                        leads(ps).forEach(l -> found.put(l.id(), l));
                    }
                    return null;
                });
            }
        }
        return List.copyOf(found.values());
    }

    @Override
    public boolean anonymise(String id, Instant at) {
        return db.write("lead anonymise", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE leads SET email = NULL, phone = NULL, "
                    + "first_name = NULL, last_name = NULL, company = NULL, region = NULL, time_zone = NULL, "
                    + "phone_verified_landline = FALSE, phone_line_type = 'UNKNOWN', "
                    + "updated_at = ? WHERE id = ?")) {
                setInstant(ps, 1, at);
                ps.setString(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** A lead still holding any of the fields {@link #anonymise} clears. */
    private static final String HOLDS_PERSONAL_DATA = "(l.email IS NOT NULL OR l.phone IS NOT NULL "
            + "OR l.first_name IS NOT NULL OR l.last_name IS NOT NULL OR l.company IS NOT NULL "
            + "OR l.region IS NOT NULL OR l.time_zone IS NOT NULL)";

    @Override
    public List<InactiveLead> inactiveSince(Instant cutoff, String afterId, int limit) {
        return db.read("leads inactive", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT l.id, l.stage, l.outcome, l.created_at, "
                    + "l.updated_at, l.stage_entered_at, (SELECT MAX(t.at) FROM touches t WHERE t.lead_id = l.id) "
                    + "AS last_touch FROM leads l WHERE " + HOLDS_PERSONAL_DATA
                    + " AND l.created_at < ? AND l.updated_at < ? AND l.stage_entered_at < ?"
                    + " AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.lead_id = l.id AND t.at >= ?)"
                    + (afterId == null ? "" : " AND l.id > ?") + " ORDER BY l.id LIMIT ?")) {
                int index = 1;
                for (; index <= 4; index++) {
                    setInstant(ps, index, cutoff);
                }
                if (afterId != null) {
                    ps.setString(index++, afterId);
                }
                ps.setInt(index, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<InactiveLead> result = new ArrayList<>();
                    while (rs.next()) {
                        Instant last = instant(rs, "created_at");
                        for (String column : List.of("updated_at", "stage_entered_at", "last_touch")) {
                            Instant at = instant(rs, column);
                            last = at != null && at.isAfter(last) ? at : last;
                        }
                        result.add(new InactiveLead(rs.getString("id"), enumValue(rs, "stage", Stage.class),
                                enumValue(rs, "outcome", LeadOutcome.class), last));
                    }
                    return result;
                }
            }
        });
    }
}
