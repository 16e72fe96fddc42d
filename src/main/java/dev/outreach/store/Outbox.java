package dev.outreach.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The durable outbox: a message enqueued here survives a restart. */
public interface Outbox {

    void enqueue(OutboxMessage message);

    Optional<OutboxMessage> find(String messageId);

    /**
     * Atomically takes up to {@code limit} QUEUED or RETRYING messages whose nextAttemptAt is at or
     * before {@code now}, pushing their nextAttemptAt to {@code leaseUntil} so no other worker (on
     * any instance) takes them meanwhile.
     */
    default List<OutboxMessage> claimDue(Instant now, Instant leaseUntil, int limit) {
        return claimDue(now, leaseUntil, limit, null);
    }

    /** As {@link #claimDue(Instant, Instant, int)}, recording {@code owner} (an instance id) as the lease holder. */
    List<OutboxMessage> claimDue(Instant now, Instant leaseUntil, int limit, String owner);

    /**
     * After a restart: makes every QUEUED or RETRYING message still leased by {@code owner} due at
     * {@code now}, since the worker that held the lease died with the previous process.
     *
     * @return how many leases were released
     */
    int releaseLeases(String owner, Instant now);

    /**
     * The relay accepted the message. Also remembers, apart from the recipient data, its From
     * domain and this instant, which the deliverability rates count (null domain: unreadable From).
     */
    void markSent(String messageId, String senderDomain, Instant at);

    /**
     * A message the relay accepted. {@code senderDomain} is its From domain (null when it has none),
     * counted in {@link #sentOn} for the day of {@code at} (UTC).
     */
    record Sent(String messageId, String senderDomain, Instant at) {
    }

    /**
     * Marks all of {@code sent} SENT in one unit of work (one commit for many deliveries) and adds
     * them to the per-sending-domain daily counts in the same unit.
     */
    void markSent(List<Sent> sent);

    /** Messages from {@code senderDomain} marked SENT on {@code day} (UTC), by any instance. */
    long sentOn(String senderDomain, LocalDate day);

    void markRetry(String messageId, int attempts, Instant nextAttemptAt, String error, Instant at);

    /** A message put back to wait: due again at {@code nextAttemptAt}, {@code error} says why. */
    record Retry(String messageId, int attempts, Instant nextAttemptAt, String error, Instant at) {
    }

    /** {@link #markRetry(String, int, Instant, String, Instant)} for many messages in one unit of work. */
    void markRetry(List<Retry> retries);

    /** Terminal: status is FAILED or BOUNCED. */
    void markFailed(String messageId, OutboxStatus status, int attempts, String error, Instant at);

    /** Erasure: deletes every message to this recipient pseudonym; returns how many. */
    int deleteForRecipient(String recipientKey);

    /** Every message to this recipient pseudonym, oldest first (data-subject requests). */
    List<OutboxMessage> forRecipient(String recipientKey);

    /** Every message sent for this lead, oldest first (data-subject requests). */
    List<OutboxMessage> forLead(String leadId);

    /** Erasure: deletes every message of this lead; returns how many. */
    int deleteForLead(String leadId);

    /** Messages waiting to be delivered (QUEUED or RETRYING) and the enqueue time of the oldest (null when none). */
    record Backlog(long waiting, Instant oldestCreatedAt) {
    }

    /** What is waiting, for the operations metrics. */
    Backlog backlog();
}
