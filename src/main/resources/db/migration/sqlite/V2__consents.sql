-- Consent ledger and revocation reviews, SQLite dialect. Instants are epoch milliseconds.
--
-- A consent belongs to a number or an address, never to a lead: subject_key is the keyed
-- pseudonym of the normalised value (the same key as suppressions and the audit log), so a lead
-- whose number changed has no consent for the new number. value is the readable number or address
-- and is set to NULL on erasure; the pseudonym keeps matching. Rows are never deleted: a revocation
-- sets revoked_at, and do-not-call records are kept at least 5 years (47 CFR 64.1200(d)(6)).

CREATE TABLE consents (
    id                   TEXT    NOT NULL PRIMARY KEY,
    channel              TEXT    NOT NULL,
    kind                 TEXT    NOT NULL,
    subject_key          TEXT    NOT NULL,
    value                TEXT,
    evidence_text        TEXT,
    evidence_source      TEXT,
    evidence_captured_at INTEGER NOT NULL,
    evidence_ip          TEXT,
    evidence_user_agent  TEXT,
    evidence_url         TEXT,
    signed_how           TEXT,
    created_at           INTEGER NOT NULL,
    revoked_at           INTEGER,
    revoked_via          TEXT
);
CREATE INDEX consents_subject ON consents (subject_key, channel);

-- Inbound texts that may be a revocation but are not a conclusive keyword. While OPEN the number
-- is treated as revoked (a provisional revocation and a company do-not-call entry, suppression_id);
-- clearing lifts exactly those two.
CREATE TABLE revocation_reviews (
    id             TEXT    NOT NULL PRIMARY KEY,
    subject_key    TEXT    NOT NULL,
    value          TEXT,
    body           TEXT,
    matched        TEXT    NOT NULL,
    received_at    INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    suppression_id TEXT,
    cleared_at     INTEGER,
    cleared_by     TEXT
);
CREATE INDEX revocation_reviews_status ON revocation_reviews (status, received_at);
CREATE INDEX revocation_reviews_subject ON revocation_reviews (subject_key);
