-- Deliverability rates in the compliance report (docs/reports.md#deliverability): bounce and
-- complaint rates per day and sender domain. A bounce or complaint is counted against the message
-- it is about, so the store keeps, per sent message, its From domain and when the relay took it,
-- and, per provider event, the message it names.

-- One row per message the relay accepted (outbox status SENT). No recipient data: it stays when the
-- outbox row is erased, so past rates do not change. sender_domain is null when the From header had
-- no readable domain (counted as "unattributed").
CREATE TABLE sent_messages (
    message_id    TEXT    PRIMARY KEY,
    sender_domain TEXT,
    sent_at       INTEGER NOT NULL
);
CREATE INDEX sent_messages_sent_at ON sent_messages (sent_at);

-- The message a processed provider event (a row of delivery_events, migration V40) names, by the
-- same key. Kept apart because this migration runs before V40 on a new database. An event with no
-- row here named no message we know and counts as "unattributed".
CREATE TABLE delivery_event_messages (
    provider   TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    message_id TEXT NOT NULL,
    PRIMARY KEY (provider, event_id)
);
CREATE INDEX delivery_event_messages_message ON delivery_event_messages (message_id);
