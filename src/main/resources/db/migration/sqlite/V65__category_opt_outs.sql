-- Preference centre: the categories of commercial email a recipient opted down from (sqlite dialect).
-- subject_key is the keyed pseudonym of the address (as in suppressions and the audit log), so no
-- readable address is stored here and erasure needs no change. Instants are epoch milliseconds.
CREATE TABLE category_opt_outs (
    subject_key TEXT NOT NULL,
    category    TEXT NOT NULL,
    via         TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (subject_key, category)
);
