-- Messages marked SENT per sending (From) domain and UTC day, written in the same unit as the SENT
-- marks, so a warm-up daily cap (docs/deliverability.md) holds across restarts and instances.
CREATE TABLE sent_volume (
    sender_domain TEXT    NOT NULL,
    day           TEXT    NOT NULL,
    sent          INTEGER NOT NULL,
    PRIMARY KEY (sender_domain, day)
);
