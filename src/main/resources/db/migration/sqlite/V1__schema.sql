-- Outreach Gateway schema, SQLite dialect. Every instant is epoch milliseconds (INTEGER) so
-- values round-trip exactly and compare the same way in both dialects.

CREATE TABLE leads (
    id               TEXT    NOT NULL PRIMARY KEY,
    email            TEXT,
    phone            TEXT,
    first_name       TEXT,
    last_name        TEXT,
    company          TEXT,
    country          TEXT,
    region           TEXT,
    time_zone        TEXT,
    stage            TEXT    NOT NULL,
    outcome          TEXT,
    owner            TEXT,
    source           TEXT,
    q_need           INTEGER NOT NULL DEFAULT 0,
    q_budget         INTEGER NOT NULL DEFAULT 0,
    q_authority      INTEGER NOT NULL DEFAULT 0,
    q_timeline       INTEGER NOT NULL DEFAULT 0,
    q_fit            INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    stage_entered_at INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX leads_email ON leads (email);
CREATE INDEX leads_phone ON leads (phone);
CREATE INDEX leads_stage ON leads (stage, id);
CREATE INDEX leads_owner ON leads (owner, id);

CREATE TABLE stage_transitions (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    lead_id    TEXT    NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    from_stage TEXT,
    to_stage   TEXT    NOT NULL,
    outcome    TEXT,
    at         INTEGER NOT NULL,
    actor      TEXT
);
CREATE INDEX stage_transitions_lead ON stage_transitions (lead_id, at);

CREATE TABLE touches (
    id            TEXT    NOT NULL PRIMARY KEY,
    lead_id       TEXT,
    recipient_key TEXT,
    channel       TEXT    NOT NULL,
    purpose       TEXT,
    stage         TEXT,
    template      TEXT,
    decision      TEXT    NOT NULL,
    blocked_by    TEXT,
    audit_id      TEXT,
    reference     TEXT,
    dry_run       INTEGER NOT NULL DEFAULT 0,
    at            INTEGER NOT NULL
);
CREATE INDEX touches_lead ON touches (lead_id, at);
CREATE INDEX touches_recipient ON touches (recipient_key, at);

CREATE TABLE suppressions (
    id         TEXT    NOT NULL PRIMARY KEY,
    type       TEXT    NOT NULL,
    value      TEXT,
    value_key  TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    source     TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX suppressions_key ON suppressions (type, value_key);
CREATE INDEX suppressions_created ON suppressions (created_at, id);

-- The hash chain. seq is assigned by the store under a write lock; gapless from 1.
CREATE TABLE audit_entries (
    seq         INTEGER NOT NULL PRIMARY KEY,
    id          TEXT    NOT NULL UNIQUE,
    at          INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    actor       TEXT,
    subject_key TEXT,
    lead_id     TEXT,
    channel     TEXT,
    decision    TEXT,
    rules       TEXT,
    payload     TEXT,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);
CREATE INDEX audit_at ON audit_entries (at);
CREATE INDEX audit_subject ON audit_entries (subject_key);
CREATE INDEX audit_lead ON audit_entries (lead_id);
CREATE INDEX audit_channel ON audit_entries (channel);
CREATE INDEX audit_decision ON audit_entries (decision);
CREATE INDEX audit_kind ON audit_entries (kind);

-- Readable recipients, outside the chain so erasure can delete them without breaking it.
CREATE TABLE audit_subjects (
    subject_key TEXT NOT NULL PRIMARY KEY,
    readable    TEXT NOT NULL
);

CREATE TABLE api_keys (
    id         TEXT    NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    role       TEXT    NOT NULL,
    key_hash   TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE TABLE outbox (
    message_id      TEXT    NOT NULL PRIMARY KEY,
    lead_id         TEXT,
    recipient       TEXT    NOT NULL,
    recipient_key   TEXT,
    mime            BLOB    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_recipient ON outbox (recipient_key);

CREATE TABLE idempotency_records (
    idempotency_key TEXT    NOT NULL PRIMARY KEY,
    request_hash    TEXT,
    status          INTEGER NOT NULL,
    content_type    TEXT,
    body            TEXT,
    created_at      INTEGER NOT NULL
);

CREATE TABLE secrets (
    name       TEXT    NOT NULL PRIMARY KEY,
    value      BLOB    NOT NULL,
    created_at INTEGER NOT NULL
);
