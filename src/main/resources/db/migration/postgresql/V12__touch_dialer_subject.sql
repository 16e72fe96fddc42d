-- How a call was placed (MANUAL, AUTODIALED, PRERECORDED; null for texts and emails, and for calls
-- recorded before this column existed) and what a call or text was about, as the caller stated it.
-- Maine's cap counts autodialed calls only; a call with no recorded dialer is counted (fail closed).
-- Caps "on the same subject" count touches with the same subject or none (fail closed).
ALTER TABLE touches ADD COLUMN dialer TEXT;
ALTER TABLE touches ADD COLUMN subject TEXT;
