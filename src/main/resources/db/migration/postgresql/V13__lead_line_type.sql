-- The lead's phone line type: BUSINESS, RESIDENTIAL, WIRELESS or UNKNOWN. The national do-not-call
-- registry protects residential subscribers, wireless included (47 CFR 64.1200(c)(2), (e)); a
-- BUSINESS line is outside it. UNKNOWN is treated as covered (fail closed). Like
-- phone_verified_landline it belongs to the stored number and resets when the number changes.
ALTER TABLE leads ADD COLUMN phone_line_type TEXT NOT NULL DEFAULT 'UNKNOWN';
