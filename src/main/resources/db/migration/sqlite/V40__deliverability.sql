-- Deliverability (docs/deliverability.md): what comes back from mailbox providers.

-- VERP return paths: bounce+<token>@<bounce.domain> names the message (and through it the recipient)
-- that a bounce is about. The token is an HMAC of the message id, so it is unguessable and carries
-- no address; this table only maps it back.
CREATE TABLE return_paths (
    token      TEXT    PRIMARY KEY,
    message_id TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX return_paths_message ON return_paths (message_id);

-- Transient (4.x.x) bounces per recipient pseudonym; N within D days become a BOUNCE suppression.
CREATE TABLE soft_bounces (
    id            TEXT    PRIMARY KEY,
    recipient_key TEXT    NOT NULL,
    message_id    TEXT,
    status        TEXT    NOT NULL,
    occurred_at   INTEGER NOT NULL
);
CREATE INDEX soft_bounces_recipient ON soft_bounces (recipient_key, occurred_at);

-- Provider events already processed (webhooks and mailbox reports): a replay is refused.
CREATE TABLE delivery_events (
    provider    TEXT    NOT NULL,
    event_id    TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (provider, event_id)
);
