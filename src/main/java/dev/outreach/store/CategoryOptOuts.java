package dev.outreach.store;

import java.time.Instant;
import java.util.Set;

/** The preference centre's record: the categories of commercial email each recipient opted down from. */
public interface CategoryOptOuts {

    /**
     * Replaces the recipient's opted-out categories with {@code categories}, durably before it
     * returns. Categories already opted out keep their first time.
     */
    void replace(String subjectKey, Set<String> categories, String via, Instant at);

    /** The categories the recipient opted out of; empty when none. */
    Set<String> of(String subjectKey);
}
