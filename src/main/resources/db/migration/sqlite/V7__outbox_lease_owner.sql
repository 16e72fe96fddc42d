-- The instance that holds a message's delivery lease, so that an instance restarted after a crash
-- takes back its own leases at once instead of waiting for them to run out.
ALTER TABLE outbox ADD COLUMN lease_owner TEXT;
