package dev.outreach.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The hash-chained audit log and the separate table of readable recipients. */
public interface AuditEntries {

    /**
     * Appends an entry at the head of the chain, computing its hash with
     * {@link dev.outreach.store.AuditChain#hash}, serialised against concurrent appenders (also
     * across gateway instances sharing one database). Durable when it returns. After a prune that
     * removed every entry, the chain continues from the {@link #pruneBoundary() prune boundary}.
     */
    AuditEntry append(NewAuditEntry entry);

    /** Oldest first, by seq, at most {@code query.limit()} entries (which must be positive). */
    List<AuditEntry> page(AuditQuery query);

    /**
     * Newest first, by seq: the entries matching the query (its {@code afterSeq} still a lower
     * bound) with seq below {@code beforeSeq} (0: from the newest), at most {@code query.limit()}.
     * The keyset cursor of a newest-first page is the seq of its last entry.
     */
    List<AuditEntry> pageNewestFirst(AuditQuery query, long beforeSeq);

    /**
     * Every entry matching the query, oldest first, handed to {@code consumer} one at a time as the
     * database returns them (constant memory for any number of entries). A positive
     * {@code query.limit()} caps the number; 0 means no cap.
     */
    void stream(AuditQuery query, Consumer<AuditEntry> consumer);

    Optional<AuditEntry> find(String id);

    /** The entry at a position of the chain, if stored. */
    Optional<AuditEntry> findBySeq(long seq);

    /** The newest entry, or empty when the log holds none. */
    Optional<AuditEntry> head();

    /** Every entry in stored order (by seq), streamed without loading all into memory. */
    void scan(Consumer<AuditEntry> consumer);

    /** Remembers the readable recipient for a pseudonym (insert if absent). */
    void rememberSubject(String subjectKey, String readable);

    Optional<String> readableSubject(String subjectKey);

    /** The readable recipients still remembered for these pseudonyms; erased ones are absent. */
    Map<String, String> readableSubjects(Collection<String> subjectKeys);

    /** Erasure: forgets the readable form; the pseudonym stays in the chain. */
    void forgetSubject(String subjectKey);

    /** The latest recorded prune boundary, or empty when nothing was ever pruned. */
    Optional<PruneBoundary> pruneBoundary();

    /**
     * Retention: records the boundary first (so an interrupted prune is finished by the next one
     * and never looks like tampering), then deletes every entry with seq at or below it, in
     * batches so appends are not held up. The caller must have sealed the boundary with a signed
     * checkpoint.
     *
     * @return how many entries were deleted
     * @throws IllegalArgumentException when the boundary is below an already recorded one
     */
    long prune(PruneBoundary boundary);
}
