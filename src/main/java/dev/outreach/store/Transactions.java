package dev.outreach.store;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How one decision's writes become durable together (ARCHITECTURE.md, "Write path").
 *
 * <p>{@link #atomically} hands a unit of work to the store's single writer, which commits the units
 * of concurrent callers as one group (one fsync for many decisions) and returns only once the
 * caller's unit is committed. Every repository write made inside the unit joins its transaction,
 * so the audit entry, outbox row, touch, subject record and idempotency record of one decision
 * exist together after a crash, or none of them does.
 *
 * <p>{@link #serialisedFor} runs a decision under a lock on its recipient, held across the commit
 * of the decision's unit, so that duplicate and frequency rules see every earlier touch to the
 * same person, also on other gateway instances sharing the database.
 */
public interface Transactions {

    /**
     * Runs {@code unit} in the writer's transaction and returns its result after the commit. A unit
     * that throws is rolled back alone (other units of the group still commit) and its exception is
     * rethrown here; a failed commit fails every unit of the group.
     *
     * @param operation a name for errors and the commit hook, never a value
     */
    <T> T atomically(String operation, Supplier<T> unit);

    /**
     * Runs {@code work} holding the lock of one recipient pseudonym. Reads made inside see every
     * decision committed to that recipient before the lock was granted.
     */
    <T> T serialisedFor(String recipientKey, Supplier<T> work);

    /**
     * Runs {@code action} once the unit of work that calls this has committed, and never if that unit
     * rolls back (what happens after a decision, such as metrics and audit checkpoints, must not see
     * one that was undone). Called outside a unit, it runs at once.
     */
    void afterThisCommits(Runnable action);

    /** Tells {@code listener} the operations of every group the writer commits, after the commit. */
    void afterCommit(Consumer<List<String>> listener);
}
