-- Audit search, export and retention (SQLite).
--
-- Every audit query pages in seq order (the cursor), so each filter gets an index that ends in
-- seq: an equality filter then reads its matches already in cursor order and stops at the page
-- size, however long the log is. (SQLite appends the rowid, which is seq, to every index anyway;
-- naming it keeps the two dialects alike.)
DROP INDEX audit_subject;
DROP INDEX audit_lead;
DROP INDEX audit_channel;
DROP INDEX audit_decision;
DROP INDEX audit_kind;
CREATE INDEX audit_subject_seq ON audit_entries (subject_key, seq);
CREATE INDEX audit_lead_seq ON audit_entries (lead_id, seq);
CREATE INDEX audit_channel_decision_seq ON audit_entries (channel, decision, seq);
CREATE INDEX audit_decision_seq ON audit_entries (decision, seq);
CREATE INDEX audit_kind_seq ON audit_entries (kind, seq);
CREATE INDEX audit_actor_seq ON audit_entries (actor, seq);
-- Time ranges. ordered_at is the latest `at` up to each entry, so it never decreases along the
-- chain and a time range becomes a seq range through (ordered_at, seq). An entry dated before
-- that ("late": stamped before it waited for the head, or appended with an earlier time) is
-- found through the small partial index, so no entry in the range is missed. Derived from the
-- chained `at`, so not itself chained.
ALTER TABLE audit_entries ADD COLUMN ordered_at INTEGER NOT NULL DEFAULT 0;
UPDATE audit_entries SET ordered_at = w.latest
FROM (SELECT seq, MAX(at) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS latest
      FROM audit_entries) w
WHERE audit_entries.seq = w.seq;
DROP INDEX audit_at;
CREATE INDEX audit_ordered_at_seq ON audit_entries (ordered_at, seq);
CREATE INDEX audit_late_at ON audit_entries (at, seq) WHERE at < ordered_at;

-- One row per (blocking rule, entry): the "rule" filter as an index instead of a LIKE over the
-- comma-joined rules column. Derived from the chained rules column, so not itself chained.
CREATE TABLE audit_rules (
    rule TEXT    NOT NULL,
    seq  INTEGER NOT NULL,
    PRIMARY KEY (rule, seq)
) WITHOUT ROWID;
CREATE INDEX audit_rules_seq ON audit_rules (seq);

INSERT INTO audit_rules (rule, seq)
WITH RECURSIVE split(seq, rule, rest) AS (
    SELECT seq, '', rules || ',' FROM audit_entries WHERE rules IS NOT NULL AND rules <> ''
    UNION ALL
    SELECT seq, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
    FROM split WHERE rest <> ''
)
SELECT DISTINCT rule, seq FROM split WHERE rule <> '';

-- Where retention cut the chain: entries up to seq were pruned, and the earliest remaining
-- entry's prev_hash must equal hash. Rows are only ever added.
CREATE TABLE audit_prune_boundary (
    seq       INTEGER NOT NULL PRIMARY KEY,
    hash      TEXT    NOT NULL,
    pruned_at INTEGER NOT NULL
);
