package dev.outreach.store;

import dev.outreach.policy.SuppressionReason;
import java.time.Instant;

/**
 * A runtime suppression (API, unsubscribe, bounce, DNC request...). Lookups go by
 * {@code valueKey}, the keyed pseudonym of the normalised value, so that erasing the readable
 * {@code value} (set to null) leaves the person suppressed.
 *
 * @param type EMAIL, DOMAIN or PHONE
 * @param reason UNSUBSCRIBE, BOUNCE, COMPLAINT, DNC_REQUEST, OBJECTION, ERASURE or MANUAL
 */
public record SuppressionEntry(String id, String type, String value, String valueKey, SuppressionReason reason, String source,
                               Instant createdAt) {
}
