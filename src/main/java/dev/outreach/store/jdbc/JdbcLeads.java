package dev.outreach.store.jdbc;

import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.Qualification;
import dev.outreach.lead.Stage;
import dev.outreach.lead.StageTransition;
import dev.outreach.store.DuplicateKeyException;
import dev.outreach.store.Leads;
import dev.outreach.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.outreach.store.jdbc.Columns.enumValue;
import static dev.outreach.store.jdbc.Columns.instant;
import static dev.outreach.store.jdbc.Columns.setEnum;
import static dev.outreach.store.jdbc.Columns.setInstant;

final class JdbcLeads implements Leads {

    private static final String COLUMNS = "id, email, phone, first_name, last_name, company, country, region, "
            + "time_zone, stage, outcome, owner, source, q_need, q_budget, q_authority, q_timeline, q_fit, "
            + "created_at, stage_entered_at, updated_at";

    private final Database db;

    JdbcLeads(Database db) {
        this.db = db;
    }

    @Override
    public void create(Lead lead, StageTransition initial) throws DuplicateKeyException {
        try {
            db.write("lead create", c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO leads (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, lead.id());
                    bindFields(ps, lead, 2);
                    ps.executeUpdate();
                }
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
                        result.add(new StageTransition(rs.getString("lead_id"),
                                enumValue(rs, "from_stage", Stage.class), enumValue(rs, "to_stage", Stage.class),
                                enumValue(rs, "outcome", LeadOutcome.class), instant(rs, "at"),
                                rs.getString("actor")));
                    }
                    return result;
                }
            }
        });
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

    private static void updateRow(Connection c, Lead lead) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE leads SET email = ?, phone = ?, first_name = ?, "
                + "last_name = ?, company = ?, country = ?, region = ?, time_zone = ?, stage = ?, outcome = ?, "
                + "owner = ?, source = ?, q_need = ?, q_budget = ?, q_authority = ?, q_timeline = ?, q_fit = ?, "
                + "created_at = ?, stage_entered_at = ?, updated_at = ? WHERE id = ?")) {
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
        return index;
    }

    private static void insertTransition(Connection c, StageTransition t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stage_transitions "
                + "(lead_id, from_stage, to_stage, outcome, at, actor) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, t.leadId());
            setEnum(ps, 2, t.from());
            setEnum(ps, 3, t.to());
            setEnum(ps, 4, t.outcome());
            setInstant(ps, 5, t.at());
            ps.setString(6, t.actor());
            ps.executeUpdate();
        }
    }

    private static List<Lead> leads(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Lead> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new Lead(rs.getString("id"), rs.getString("email"), rs.getString("phone"),
                        rs.getString("first_name"), rs.getString("last_name"), rs.getString("company"),
                        rs.getString("country"), rs.getString("region"), rs.getString("time_zone"),
                        enumValue(rs, "stage", Stage.class), enumValue(rs, "outcome", LeadOutcome.class),
                        rs.getString("owner"), enumValue(rs, "source", LeadSource.class),
                        new Qualification(rs.getBoolean("q_need"), rs.getBoolean("q_budget"),
                                rs.getBoolean("q_authority"), rs.getBoolean("q_timeline"), rs.getBoolean("q_fit")),
                        instant(rs, "created_at"), instant(rs, "stage_entered_at"), instant(rs, "updated_at")));
            }
            return result;
        }
    }
}
