-- Outgoing event webhooks (sqlite dialect). Events are derived from the audit log: each subscription
-- keeps a cursor (the last audit seq it has taken events from), and every event handed over is a
-- delivery row with its attempts, so nothing is lost across a crash. Instants are epoch milliseconds.
CREATE TABLE event_subscriptions (
    id          TEXT NOT NULL PRIMARY KEY,
    url         TEXT    NOT NULL,
    events      TEXT    NOT NULL,
    secret      TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    after_seq   INTEGER NOT NULL,
    deleted_at  INTEGER
);

CREATE TABLE event_deliveries (
    id              TEXT NOT NULL PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES event_subscriptions (id),
    audit_seq       INTEGER NOT NULL,
    event_type      TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at INTEGER,
    last_attempt_at INTEGER,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    UNIQUE (subscription_id, audit_seq)
);

CREATE INDEX event_deliveries_due ON event_deliveries (status, next_attempt_at);
CREATE INDEX event_deliveries_subscription ON event_deliveries (subscription_id, audit_seq);
