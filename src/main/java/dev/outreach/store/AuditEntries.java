package dev.outreach.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The hash-chained audit log and the separate table of readable recipients. */
public interface AuditEntries {

    /**
     * Appends an entry at the head of the chain, computing its hash with
     * {@link dev.outreach.audit.AuditChain#hash}, serialised against concurrent appenders (also
     * across gateway instances sharing one database). Durable when it returns.
     */
    AuditEntry append(NewAuditEntry entry);

    /** Oldest first, by seq. */
    List<AuditEntry> page(AuditQuery query);

    Optional<AuditEntry> find(String id);

    /** Every entry in stored order (by seq), streamed without loading all into memory. */
    void scan(Consumer<AuditEntry> consumer);

    /** Remembers the readable recipient for a pseudonym (insert if absent). */
    void rememberSubject(String subjectKey, String readable);

    Optional<String> readableSubject(String subjectKey);

    /** Erasure: forgets the readable form; the pseudonym stays in the chain. */
    void forgetSubject(String subjectKey);
}
