-- Indexes for the funnel, follow-up and compliance reports (see docs/reports.md).
-- Touches in a time window, oldest first (funnel touch counts, follow-up queue).
CREATE INDEX touches_at ON touches (at, id);
-- Stage transitions streamed per lead in time order are served by stage_transitions_lead (V1);
-- the funnel cohort of leads created in a window:
CREATE INDEX leads_created ON leads (created_at);
