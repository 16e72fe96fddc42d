-- Data-subject requests and storage limitation (see docs/gdpr.md).
-- Access and erasure find a lead's outbox messages by lead as well as by recipient pseudonym.
CREATE INDEX outbox_lead ON outbox (lead_id);
-- The inactive-lead report and purge look for leads not updated since the retention cutoff.
CREATE INDEX leads_updated ON leads (updated_at);
