package dev.outreach.gateway;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.contact.Jurisdictions;
import dev.outreach.lead.Lead;
import dev.outreach.store.DeliveryRecords;
import dev.outreach.store.Leads;
import dev.outreach.store.Outbox;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What mailbox providers tell us after a message left, from any source (the bounce mailbox, an
 * ESP webhook), turned into suppressions. One path for every source, so a bounce is a bounce
 * whoever reports it.
 *
 * <ul>
 *   <li>hard bounce (RFC 3463 class 5) → BOUNCE suppression at once, and the message BOUNCED;</li>
 *   <li>soft bounce (class 4) → counted; the {@code softLimit}-th within {@code softWindow} → BOUNCE;</li>
 *   <li>complaint (RFC 5965 feedback type abuse) → COMPLAINT at once; for a person protected by the
 *       GDPR also an objection to direct marketing (Art 21(2)-(3)) through {@link SubjectObjection#object};</li>
 *   <li>unsubscribe (a mailto List-Unsubscribe mail, RFC 8058 §3.1 / RFC 2369 §3.2, or an ESP's
 *       event) → UNSUBSCRIBE, plus an email OBJECTION for a GDPR-protected person, as {@link Unsubscribing}.</li>
 * </ul>
 * Every event is audited as DELIVERY_EVENT with its provider and provider event id, and an event
 * id seen before changes nothing.
 */
public final class DeliveryFeedback {

    public enum Kind { HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, UNSUBSCRIBE }

    public enum Outcome { SUPPRESSED, COUNTED, REPLAY, UNATTRIBUTED }

    /**
     * @param provider  {@code mailbox}, {@code ses}, {@code sendgrid}, {@code postmark}, {@code mailgun}
     * @param eventId   the provider's id of this event (a DSN's Message-ID for the mailbox)
     * @param recipient the recipient address as reported, or null; the named message's recipient wins
     * @param messageId our message id (without angle brackets), or null when unknown
     * @param status    RFC 3463 status code or the provider's own code, for the audit; may be null
     */
    public record Event(String provider, String eventId, Kind kind, String recipient, String messageId, String status) {
        public Event {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(kind, "kind");
        }
    }

    private final SuppressionRegister register;
    private final SubjectObjection subjectRights;
    private final RecipientPseudonyms pseudonyms;
    private final Outbox outbox;
    private final DeliveryRecords records;
    private final Leads leads;
    private final Jurisdictions jurisdictions;
    private final AuditTrail audit;
    private final Clock clock;
    private final int softLimit;
    private final Duration softWindow;

    public DeliveryFeedback(SuppressionRegister register, SubjectObjection subjectRights, RecipientPseudonyms pseudonyms,
                            Outbox outbox, DeliveryRecords records, Leads leads, Jurisdictions jurisdictions,
                            AuditTrail audit, Clock clock, int softLimit, Duration softWindow) {
        if (softLimit < 1) {
            throw new IllegalArgumentException("bounce.soft-limit must be at least 1, was " + softLimit);
        }
        this.register = register;
        this.subjectRights = subjectRights;
        this.pseudonyms = pseudonyms;
        this.outbox = outbox;
        this.records = records;
        this.leads = leads;
        this.jurisdictions = jurisdictions;
        this.audit = audit;
        this.clock = clock;
        this.softLimit = softLimit;
        this.softWindow = softWindow;
    }

    /** Whether this event was processed before (a webhook answers a replay with 401). */
    public boolean isReplay(Event event) {
        return records.seen(event.provider(), event.eventId());
    }

    /**
     * Applies one event, durably, before returning. The event id is recorded last, so an event
     * whose suppression failed is processed again when the provider retries it.
     */
    public Outcome apply(Event event) {
        if (isReplay(event)) {
            return Outcome.REPLAY;
        }
        Optional<OutboxMessage> message = Optional.ofNullable(event.messageId()).flatMap(outbox::find);
        // Our own record of the message wins over an address in a report, which may be mangled or redacted.
        String address = message.map(OutboxMessage::recipient)
                .orElseGet(() -> event.recipient() == null ? null : normalised(event.recipient()));
        String key = message.map(OutboxMessage::recipientKey)
                .orElseGet(() -> address == null ? null : pseudonyms.email(address));
        Outcome outcome = key == null ? Outcome.UNATTRIBUTED : switch (event.kind()) {
            case HARD_BOUNCE -> hardBounce(event, key, address, message);
            case SOFT_BOUNCE -> softBounce(event, key, address);
            case COMPLAINT -> complaint(event, key, address);
            case UNSUBSCRIBE -> unsubscribe(event, key, address);
        };
        auditEvent(event, key, outcome);
        // The message id lets the deliverability rates count the event against that message's domain and day.
        records.firstSighting(event.provider(), event.eventId(), event.kind().name(), event.messageId(),
                clock.instant());
        return outcome;
    }

    private Outcome hardBounce(Event event, String key, String address, Optional<OutboxMessage> message) {
        register.addByKey("EMAIL", key, address, SuppressionReason.BOUNCE, event.provider(), Actor.SYSTEM.auditName());
        message.ifPresent(m -> outbox.markFailed(m.messageId(), OutboxStatus.BOUNCED, m.attempts(),
                "bounced " + (event.status() == null ? "" : event.status()) + " (" + event.provider() + ")",
                clock.instant()));
        return Outcome.SUPPRESSED;
    }

    private Outcome softBounce(Event event, String key, String address) {
        Instant now = clock.instant();
        int count = records.recordSoftBounce(key, event.messageId(), event.status() == null ? "4.0.0" : event.status(),
                now, now.minus(softWindow));
        if (count < softLimit) {
            return Outcome.COUNTED;
        }
        register.addByKey("EMAIL", key, address, SuppressionReason.BOUNCE, event.provider() + ":soft-bounces",
                Actor.SYSTEM.auditName());
        return Outcome.SUPPRESSED;
    }

    private Outcome complaint(Event event, String key, String address) {
        register.addByKey("EMAIL", key, address, SuppressionReason.COMPLAINT, event.provider(), Actor.SYSTEM.auditName());
        if (protectedByGdpr(address)) {
            if (address != null) {
                subjectRights.object(SubjectRef.email(address), "complaint:" + event.provider(),
                        Actor.SYSTEM.auditName());
            } else {
                register.addByKey("EMAIL", key, null, SuppressionReason.OBJECTION, event.provider(), Actor.SYSTEM.auditName());
            }
        }
        return Outcome.SUPPRESSED;
    }

    private Outcome unsubscribe(Event event, String key, String address) {
        register.addByKey("EMAIL", key, address, SuppressionReason.UNSUBSCRIBE, event.provider(), Actor.RECIPIENT.auditName());
        if (protectedByGdpr(address)) {
            register.addByKey("EMAIL", key, address, SuppressionReason.OBJECTION, event.provider(), Actor.RECIPIENT.auditName());
        }
        return Outcome.SUPPRESSED;
    }

    /** As {@link Unsubscribing}: an address whose readable form is gone gives no signal and counts as protected. */
    private boolean protectedByGdpr(String address) {
        Lead lead = address == null ? null : leads.findByEmail(address).orElse(null);
        return address == null || jurisdictions.of(lead, address, null).protectedByGdpr();
    }

    private void auditEvent(Event event, String key, Outcome outcome) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("provider", event.provider());
        detail.put("providerEventId", event.eventId());
        detail.put("event", event.kind().name());
        detail.put("outcome", outcome.name());
        detail.put("status", event.status() == null ? "" : event.status());
        detail.put("messageId", event.messageId() == null ? "" : event.messageId());
        audit.recordChange(AuditKind.DELIVERY_EVENT, "provider:" + event.provider(), key, null, "EMAIL", detail);
    }

    private static String normalised(String raw) {
        try {
            return SuppressionRegister.normalise("EMAIL", raw, null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
