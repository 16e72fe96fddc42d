-- Outgoing event webhooks (postgresql dialect). Events are derived from durable records, never from the
-- request path: the audit log (decisions, suppressions, consents, erasures; cursor after_seq) and
-- the outbox's settled messages (deliveries; cursor outbox_after, outbox_after_id). Each event handed
-- over is a delivery row with its attempts, queued in the same transaction that moves the cursor,
-- so nothing is lost or queued twice across a crash. Instants are epoch milliseconds.
CREATE TABLE event_subscriptions (
    id              TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    url             TEXT    NOT NULL,
    events          TEXT    NOT NULL,
    secret          TEXT    NOT NULL,
    role            TEXT    NOT NULL,
    created_by      TEXT    NOT NULL,
    created_at      BIGINT NOT NULL,
    after_seq       BIGINT NOT NULL,
    outbox_after    BIGINT NOT NULL,
    outbox_after_id TEXT COLLATE "C" NOT NULL,
    deleted_at      BIGINT
);

CREATE TABLE event_deliveries (
    id              TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    subscription_id TEXT COLLATE "C" NOT NULL REFERENCES event_subscriptions (id),
    event_key       TEXT COLLATE "C" NOT NULL,
    event_type      TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at BIGINT,
    last_attempt_at BIGINT,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    UNIQUE (subscription_id, event_key)
);

CREATE INDEX event_deliveries_due ON event_deliveries (status, next_attempt_at);
CREATE INDEX event_deliveries_created ON event_deliveries (created_at);

-- Settled messages in the order the delivery cursor reads them.
CREATE INDEX outbox_settled ON outbox (updated_at, message_id);
