-- The dispatcher claims the oldest due messages. On (status, next_attempt_at) that claim read every
-- due row of both waiting statuses and sorted them (and each row's 4 KB message came with it), so a
-- backlog of N messages cost N row reads per claim. This index holds only the waiting rows, in
-- claim order, with what the claim and the backlog gauge read: a claim reads its batch and stops.
CREATE INDEX outbox_pending ON outbox (next_attempt_at, message_id, status, created_at)
    WHERE status IN ('QUEUED', 'RETRYING');
DROP INDEX outbox_due;
