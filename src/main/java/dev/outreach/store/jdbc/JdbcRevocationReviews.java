package dev.outreach.store.jdbc;

import dev.outreach.store.RevocationReview;
import dev.outreach.store.RevocationReviews;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.outreach.store.jdbc.Columns.instant;
import static dev.outreach.store.jdbc.Columns.setInstant;

final class JdbcRevocationReviews implements RevocationReviews {

    private static final String COLUMNS = "id, subject_key, value, body, matched, received_at, status, suppression_id, "
            + "cleared_at, cleared_by";

    private final Database db;

    JdbcRevocationReviews(Database db) {
        this.db = db;
    }

    @Override
    public void add(RevocationReview review) {
        db.write("revocation review add", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO revocation_reviews (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, review.id());
                ps.setString(2, review.subjectKey());
                ps.setString(3, review.value());
                ps.setString(4, review.body());
                ps.setString(5, review.matched());
                setInstant(ps, 6, review.receivedAt());
                ps.setString(7, review.status());
                ps.setString(8, review.suppressionId());
                setInstant(ps, 9, review.clearedAt());
                ps.setString(10, review.clearedBy());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<RevocationReview> find(String id) {
        return db.read("revocation review find", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM revocation_reviews WHERE id = ?")) {
                ps.setString(1, id);
                return reviews(ps).stream().findFirst();
            }
        });
    }

    @Override
    public List<RevocationReview> list(String status, int offset, int limit) {
        Where where = new Where().equalIfPresent("status", status);
        return db.read("revocation review list", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM revocation_reviews"
                    + where.sql() + " ORDER BY received_at, id LIMIT ? OFFSET ?")) {
                int next = where.bind(ps);
                ps.setInt(next, limit);
                ps.setInt(next + 1, offset);
                return reviews(ps);
            }
        });
    }

    @Override
    public List<RevocationReview> openByKey(String subjectKey) {
        return db.read("revocation review open by key", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM revocation_reviews WHERE subject_key = ? AND status = ? ORDER BY received_at, id")) {
                ps.setString(1, subjectKey);
                ps.setString(2, RevocationReview.OPEN);
                return reviews(ps);
            }
        });
    }

    @Override
    public boolean clear(String id, Instant at, String by) {
        return db.write("revocation review clear", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE revocation_reviews SET status = ?, cleared_at = ?,"
                    + " cleared_by = ? WHERE id = ? AND status = ?")) {
                ps.setString(1, RevocationReview.CLEARED);
                setInstant(ps, 2, at);
                ps.setString(3, by);
                ps.setString(4, id);
                ps.setString(5, RevocationReview.OPEN);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int forgetValues(String subjectKey) {
        return db.write("revocation review forget values", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE revocation_reviews SET value = NULL, body = NULL"
                    + " WHERE subject_key = ?")) {
                ps.setString(1, subjectKey);
                return ps.executeUpdate();
            }
        });
    }

    private static List<RevocationReview> reviews(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<RevocationReview> result = new ArrayList<>();
            while (rs.next()) {
                result.add(new RevocationReview(rs.getString("id"), rs.getString("subject_key"), rs.getString("value"),
                        rs.getString("body"), rs.getString("matched"), instant(rs, "received_at"),
                        rs.getString("status"), rs.getString("suppression_id"), instant(rs, "cleared_at"),
                        rs.getString("cleared_by")));
            }
            return result;
        }
    }

    @Override
    public List<RevocationReview> findByKey(String subjectKey) {
        return db.read("revocation review find by key", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM revocation_reviews WHERE subject_key = ? ORDER BY received_at, id")) {
                ps.setString(1, subjectKey);
                return reviews(ps);
            }
        });
    }
}
