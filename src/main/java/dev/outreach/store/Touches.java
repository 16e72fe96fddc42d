package dev.outreach.store;

import dev.outreach.store.Touch;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Every attempt to reach someone, allowed or blocked. */
public interface Touches {

    void record(Touch touch);

    /** Oldest first. */
    List<Touch> forLead(String leadId);

    /** The touch with this id (a call's callId is its touch id). */
    java.util.Optional<Touch> find(String id);

    /** Touches to this recipient pseudonym at or after {@code since}, oldest first. */
    List<Touch> toRecipientSince(String recipientKey, Instant since);

    /**
     * Touches with {@code from <= at < to} (a null bound is open), oldest first, streamed without
     * loading them all into memory. The consumer must not call the store.
     */
    void scan(Instant from, Instant to, Consumer<Touch> consumer);

    /** Every touch to this recipient pseudonym, oldest first (data-subject requests). */
    List<Touch> forRecipient(String recipientKey);

    /**
     * Erasure: forgets the free-text subject of every touch to this recipient pseudonym (it may name
     * the person); the touch, its dialer and decision stay.
     *
     * @return how many subjects were forgotten
     */
    int forgetSubjects(String recipientKey);
}
