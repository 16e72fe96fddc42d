package dev.outreach.store;

import java.time.Instant;
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
     * @return true the first time this (provider, event id) is seen; false for a replay
     */
    boolean firstSighting(String provider, String eventId, String kind, Instant at);
}
