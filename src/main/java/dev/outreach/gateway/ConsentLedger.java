package dev.outreach.gateway;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.lead.Lead;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.store.Consent;
import dev.outreach.store.ConsentEvidence;
import dev.outreach.store.Consents;
import dev.outreach.store.SuppressionEntry;
import dev.outreach.store.Suppressions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Records consent with its evidence and takes it back. A consent belongs to a number or address
 * (its pseudonym), never to a lead. A revocation is durable before this returns: the consents are
 * revoked and the number goes on the company do-not-call list (reason DNC_REQUEST), or the address
 * gets an UNSUBSCRIBE suppression, so no touch after that instant passes. Nothing here deletes a
 * do-not-call record; they are kept at least 5 years (47 CFR 64.1200(d)(6)).
 */
public final class ConsentLedger {

    /** How a written agreement was signed (E-SIGN Act forms accepted by 47 CFR 64.1200(f)(9)). */
    public static final Set<String> SIGNED_HOW = Set.of("WEB_FORM", "EMAIL", "TEXT_REPLY", "KEYPRESS",
            "VOICE_RECORDING", "PAPER");
    /** Evidence dated this far ahead of the gateway's clock is taken for clock skew, anything later is refused. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** A revocation as acknowledged: how many consents it withdrew and the suppression it added. */
    public record Revocation(String subjectKey, Channel channel, Instant revokedAt, int consentsRevoked,
                             SuppressionEntry suppression) {
    }

    /** What clearing a review lifted: consents in force again, and whether its do-not-call entry was removed. */
    record Lifted(int consentsReinstated, boolean suppressionRemoved) {
    }

    private final Consents consents;
    private final Suppressions suppressionStore;
    private final SuppressionRegister suppressions;
    private final RecipientPseudonyms pseudonyms;
    private final AuditTrail audit;
    private final Clock clock;

    public ConsentLedger(Consents consents, Suppressions suppressionStore, SuppressionRegister suppressions,
                         RecipientPseudonyms pseudonyms, AuditTrail audit, Clock clock) {
        this.consents = consents;
        this.suppressionStore = suppressionStore;
        this.suppressions = suppressions;
        this.pseudonyms = pseudonyms;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records a consent for a normalised number (CALL, SMS) or address (EMAIL) and audits it with
     * its id but no personal data.
     *
     * @param value an E.164 number for CALL and SMS, a normalised address for EMAIL
     * @param leadId the lead it was captured for, for the audit entry only; may be null
     * @throws RejectedRequest naming the field when the kind does not fit the channel or written
     *                         consent lacks its evidence
     */
    public Consent record(Channel channel, ConsentKind kind, String value, ConsentEvidence evidence, String leadId,
                          Actor actor) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (!kind.fits(channel)) {
            throw RejectedRequest.invalid("channel", kind + " consent covers " + kind.channels() + ", not " + channel);
        }
        Instant now = clock.instant();
        ConsentEvidence complete = checked(kind, evidence, now);
        String key = keyOf(channel, value);
        Consent consent = new Consent(UUID.randomUUID().toString(), channel, kind.name(), key, value, complete, now,
                null, null);
        consents.add(consent);
        audit.recordChange(AuditKind.CONSENT_RECORDED, actor.auditName(), key, leadId, channel.name(),
                Map.of("id", consent.id(), "kind", kind.name(), "channel", channel.name()));
        return consent;
    }

    private static ConsentEvidence checked(ConsentKind kind, ConsentEvidence evidence, Instant now) {
        if (kind == ConsentKind.TCPA_WRITTEN) {
            if (evidence == null || blank(evidence.text())) {
                throw RejectedRequest.invalid("evidence.text", "is required for TCPA_WRITTEN consent: the wording the "
                        + "person agreed to (47 CFR 64.1200(f)(9))");
            }
            if (blank(evidence.source())) {
                throw RejectedRequest.invalid("evidence.source", "is required for TCPA_WRITTEN consent");
            }
        }
        if (evidence == null) {
            return new ConsentEvidence(null, null, now, null, null, null, null);
        }
        if (evidence.capturedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw RejectedRequest.invalid("evidence.capturedAt", "must not be in the future");
        }
        if (evidence.signedHow() != null && !SIGNED_HOW.contains(evidence.signedHow())) {
            throw RejectedRequest.invalid("evidence.signedHow", "must be one of " + SIGNED_HOW);
        }
        return evidence;
    }

    private String keyOf(Channel channel, String value) {
        return channel == Channel.EMAIL ? pseudonyms.email(value) : pseudonyms.phone(value);
    }

    /**
     * The person asked to stop calls or texts to this number (API, call outcome DNC_REQUESTED,
     * texted keyword, email reply): consents for the channel ({@code null}: every channel) are
     * revoked and the number goes on the company do-not-call list. Durable when it returns.
     *
     * @param via how the request came, e.g. {@code sms-keyword}, {@code api}, {@code call-outcome}
     */
    public Revocation revokePhone(String e164, Channel channel, String via, Actor actor) {
        if (channel == Channel.EMAIL) {
            throw RejectedRequest.invalid("channel", "a phone number's consent is for CALL or SMS");
        }
        String key = pseudonyms.phone(e164);
        SuppressionEntry entry = suppressions.addByKey("PHONE", key, e164, SuppressionReason.DNC_REQUEST, via, actor.auditName());
        return revoked(key, channel, entry, via, actor);
    }

    /** The person withdrew consent to email: consents revoked and an UNSUBSCRIBE suppression added. */
    public Revocation revokeEmail(String normalisedAddress, String via, Actor actor) {
        String key = pseudonyms.email(normalisedAddress);
        SuppressionEntry entry = suppressions.addByKey("EMAIL", key, normalisedAddress, SuppressionReason.UNSUBSCRIBE, via,
                actor.auditName());
        return revoked(key, Channel.EMAIL, entry, via, actor);
    }

    /**
     * A text that may be a revocation awaits review: until a person clears it, every consent of the
     * number is revoked provisionally and the number is on the company do-not-call list with source
     * {@code review}. {@link #liftProvisional} undoes exactly this.
     */
    Revocation revokeProvisionally(String e164, String reviewId, Actor actor) {
        String key = pseudonyms.phone(e164);
        SuppressionEntry entry = suppressions.addByKey("PHONE", key, e164, SuppressionReason.DNC_REQUEST, "review", actor.auditName());
        return revoked(key, null, entry, Consent.PROVISIONAL_PREFIX + reviewId, actor);
    }

    private Revocation revoked(String key, Channel channel, SuppressionEntry entry, String via, Actor actor) {
        Instant at = entry.createdAt();
        int count = consents.revokeAll(key, channel, at, via);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("channel", channel == null ? "ALL" : channel.name());
        detail.put("via", via);
        detail.put("consentsRevoked", count);
        detail.put("suppressionId", entry.id());
        // a number-wide revocation is filed under CALL, as the number's suppression entries are
        audit.recordChange(AuditKind.CONSENT_REVOKED, actor.auditName(), key, null,
                channel == null ? Channel.CALL.name() : channel.name(), detail);
        return new Revocation(key, channel, at, count, entry);
    }

    /**
     * A person cleared a review: its provisional revocations are lifted, or handed to another
     * review of the same number that is still open, and its do-not-call entry is removed. Nothing
     * else is lifted.
     *
     * @param stillOpenReviewId another OPEN review of the number, or null
     */
    Lifted liftProvisional(String subjectKey, String reviewId, String suppressionId, String stillOpenReviewId,
                        Actor actor) {
        String via = Consent.PROVISIONAL_PREFIX + reviewId;
        int reinstated = 0;
        if (stillOpenReviewId == null) {
            reinstated = consents.reinstate(subjectKey, via);
        } else {
            consents.transferRevocations(subjectKey, via, Consent.PROVISIONAL_PREFIX + stillOpenReviewId);
        }
        boolean removed = suppressionId != null && suppressions.remove(suppressionId, actor.auditName());
        return new Lifted(reinstated, removed);
    }

    /**
     * Every consent on file for the number or address, revoked ones included, as the TCPA and
     * email rules read them.
     *
     * @param channel only consents covering this channel; null for all
     */
    public List<ConsentFact> factsFor(String subjectKey, Channel channel) {
        return consents.findByKey(subjectKey).stream()
                .filter(c -> channel == null || c.channel() == channel)
                .map(c -> new ConsentFact(c.id(), c.kind(), c.channel(), c.evidence().capturedAt(), c.revokedAt()))
                .toList();
    }

    /**
     * The latest company do-not-call request (a DNC_REQUEST suppression, including a provisional
     * one awaiting review) or consent revocation for the number, or null. It ends any established
     * business relationship and withdraws earlier consent.
     */
    public Instant lastDncRequestAt(String subjectKey) {
        Stream<Instant> requests = suppressionStore.findByKey("PHONE", subjectKey).stream()
                .filter(e -> e.reason() == SuppressionReason.DNC_REQUEST).map(SuppressionEntry::createdAt);
        Stream<Instant> revocations = consents.findByKey(subjectKey).stream()
                .map(Consent::revokedAt).filter(Objects::nonNull);
        return Stream.concat(requests, revocations).max(Comparator.naturalOrder()).orElse(null);
    }

    /**
     * When each company do-not-call request (a DNC_REQUEST suppression, including a provisional one
     * awaiting review) for the number was made, oldest first. Every phone revocation makes one.
     */
    public List<Instant> dncRequestsAt(String subjectKey) {
        return suppressionStore.findByKey("PHONE", subjectKey).stream()
                .filter(e -> e.reason() == SuppressionReason.DNC_REQUEST).map(SuppressionEntry::createdAt).sorted().toList();
    }

    /** Consents for the lead's current number and address (not numbers it had before); oldest first. */
    public List<Consent> forLead(Lead lead) {
        List<Consent> out = new ArrayList<>();
        if (lead.phone() != null) {
            out.addAll(consents.findByKey(pseudonyms.phone(lead.phone())));
        }
        if (lead.email() != null) {
            out.addAll(consents.findByKey(pseudonyms.email(lead.email())));
        }
        out.sort(Comparator.comparing(Consent::createdAt).thenComparing(Consent::id));
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
