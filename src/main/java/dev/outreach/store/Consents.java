package dev.outreach.store;

import dev.outreach.policy.Channel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The consent ledger. Every write is durable (committed) when the call returns. Rows are never
 * deleted; a revocation is a timestamp, so the history of what was in force when stays readable.
 */
public interface Consents {

    void add(Consent consent);

    Optional<Consent> find(String id);

    /** Every consent ever recorded for the pseudonym, revoked ones included; oldest first. */
    List<Consent> findByKey(String subjectKey);

    /** Consents for the pseudonym not revoked at {@code at} and captured by then; oldest first. */
    List<Consent> findActiveByKey(String subjectKey, Instant at);

    /**
     * Revokes every consent of the pseudonym that is in force, on one channel or ({@code channel}
     * null) on all. Consents revoked provisionally (via {@link Consent#PROVISIONAL_PREFIX}) are made
     * definitive: they take {@code via} and keep their original revocation time.
     *
     * @return how many consents were revoked or made definitive
     */
    int revokeAll(String subjectKey, Channel channel, Instant at, String via);

    /**
     * Lifts the revocations made with exactly {@code via} (a provisional revocation that a review
     * cleared).
     *
     * @return how many consents are in force again
     */
    int reinstate(String subjectKey, String via);

    /** Moves revocations made with {@code fromVia} to {@code toVia} (another review still holds them). */
    int transferRevocations(String subjectKey, String fromVia, String toVia);

    /** Erasure: forgets the readable value and the online identifiers (IP, user agent); the pseudonym stays. */
    int forgetValues(String subjectKey);
}
