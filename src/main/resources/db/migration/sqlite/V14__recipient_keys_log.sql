-- Which recipients the store may hold facts about (store.jdbc.JdbcKnownRecipients).
--
-- Every insert of a lead, touch, consent, runtime suppression or preference-centre choice adds,
-- in the same transaction, one row per lookup key it is stored under: the key's 64-bit keyed
-- fingerprint, never the key. Each process reads the rows added since it last looked before it
-- decides, so a process learns of a recipient written by another process (a CLI import, an
-- erasure from the CLI) at once. AUTOINCREMENT: seq never goes back, even after pruning.
CREATE TABLE recipient_keys_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    fingerprint INTEGER NOT NULL,
    at          INTEGER NOT NULL
);
CREATE INDEX recipient_keys_log_at ON recipient_keys_log (at);

-- Rows up to `through` were pruned (kept a day); a reader that has not read that far reads every
-- key from the fact tables again.
CREATE TABLE recipient_keys_pruned (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    through INTEGER NOT NULL
);
INSERT INTO recipient_keys_pruned (id, through) VALUES (1, 0);
