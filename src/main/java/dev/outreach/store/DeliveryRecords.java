package dev.outreach.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway remembers about mail after it left: VERP return paths, soft bounces and the
 * provider events it has processed (so a replayed event changes nothing).
 */
public interface DeliveryRecords {

    /** Remembers which message a return-path token names; remembering it again is a no-op. */
    void rememberReturnPath(String token, String messageId, Instant at);

    Optional<String> messageForReturnPath(String token);

    /**
     * Records one transient bounce and counts this recipient's transient bounces since {@code since},
     * this one included.
     */
    int recordSoftBounce(String recipientKey, String messageId, String status, Instant at, Instant since);

    /** Whether this provider event was processed before. */
    boolean seen(String provider, String eventId);

    /**
     * Records a provider event by its id.
     *
     * @param messageId our message the event is about, or null when it named none we know
     * @return true the first time this (provider, event id) is seen; false for a replay
     */
    boolean firstSighting(String provider, String eventId, String kind, String messageId, Instant at);

    /**
     * How many messages the relay accepted, and how many events of each kind came back about them,
     * per sender domain and UTC day of sending (the compliance report's deliverability rates).
     * An event about a message we did not record as sent (or naming none) counts on the UTC day it
     * was received, with a null sender domain.
     *
     * @param from inclusive, null for open
     * @param to   exclusive, null for open
     */
    List<DeliveryCount> deliveryCounts(Instant from, Instant to);

    /**
     * @param senderDomain the From domain of the messages, null when unattributed
     * @param kind         {@code SENT} or a provider event kind ({@code HARD_BOUNCE}, {@code SOFT_BOUNCE},
     *                     {@code COMPLAINT}, {@code UNSUBSCRIBE})
     */
    record DeliveryCount(String senderDomain, LocalDate day, String kind, long count) {
    }
}
