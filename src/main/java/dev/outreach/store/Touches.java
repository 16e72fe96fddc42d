package dev.outreach.store;

import dev.outreach.lead.Touch;

import java.time.Instant;
import java.util.List;

/** Every attempt to reach someone, allowed or blocked. */
public interface Touches {

    void record(Touch touch);

    /** Oldest first. */
    List<Touch> forLead(String leadId);

    /** Touches to this recipient pseudonym at or after {@code since}, oldest first. */
    List<Touch> toRecipientSince(String recipientKey, Instant since);
}
