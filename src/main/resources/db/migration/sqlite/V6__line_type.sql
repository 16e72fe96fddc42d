-- A number verified as a landline (47 USC 227(b)(1)(A)(iii) consent covers wireless numbers).
-- Without verification every number is treated as wireless, the stricter case.
ALTER TABLE leads ADD COLUMN phone_verified_landline INTEGER NOT NULL DEFAULT 0;
