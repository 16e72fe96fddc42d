-- Outgoing event webhooks (postgresql dialect). Events are derived from the audit log: each subscription
-- keeps a cursor (the last audit seq it has taken events from), and every event handed over is a
-- delivery row with its attempts, so nothing is lost across a crash. Instants are epoch milliseconds.
CREATE TABLE event_subscriptions (
    id          TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    url         TEXT    NOT NULL,
    events      TEXT    NOT NULL,
    secret      TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    created_at  BIGINT NOT NULL,
    after_seq   BIGINT NOT NULL,
    deleted_at  BIGINT
);

CREATE TABLE event_deliveries (
    id              TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    subscription_id TEXT COLLATE "C" NOT NULL REFERENCES event_subscriptions (id),
    audit_seq       BIGINT NOT NULL,
    event_type      TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at BIGINT,
    last_attempt_at BIGINT,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    UNIQUE (subscription_id, audit_seq)
);

CREATE INDEX event_deliveries_due ON event_deliveries (status, next_attempt_at);
CREATE INDEX event_deliveries_subscription ON event_deliveries (subscription_id, audit_seq);
