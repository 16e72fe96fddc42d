-- Preference centre: the categories of commercial email a recipient opted down from (postgresql dialect).
-- subject_key is the keyed pseudonym of the address (as in suppressions and the audit log), so no
-- readable address is stored here and erasure needs no change. Instants are epoch milliseconds.
CREATE TABLE category_opt_outs (
    subject_key TEXT COLLATE "C" NOT NULL,
    category    TEXT COLLATE "C" NOT NULL,
    via         TEXT    NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (subject_key, category)
);
