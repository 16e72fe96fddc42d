package dev.outreach.gateway;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.contact.Jurisdictions;
import dev.outreach.contact.PhoneLocation;
import dev.outreach.contact.PhoneLocator;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.StageTransition;
import dev.outreach.lead.LineType;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.RelationshipFact;
import dev.outreach.policy.RevocationFact;
import dev.outreach.policy.SuppressionHit;
import dev.outreach.policy.TouchFact;
import dev.outreach.store.Leads;
import dev.outreach.store.Touches;
import dev.outreach.suppression.NationalDncRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Collects what the TCPA, state and GDPR rules need about a call or text recipient: where they may
 * be, the registry, the company do-not-call list, consents for this exact number, and the
 * relationship the funnel shows.
 */
public final class PhoneFactGatherer {

    /** Reasons of runtime phone entries that are not do-not-call requests; their own rules judge them. */
    private static final Set<SuppressionReason> NOT_DNC = Set.of(SuppressionReason.ERASURE, SuppressionReason.OBJECTION);
    /** Longest window a phone rule counts over: state caps are per 24 hours, the duplicate rule 24 hours. */
    private static final Duration LOOKBACK = Duration.ofDays(8);

    private final SuppressionRegister suppressions;
    private final NationalDncRegistry registry;
    private final ConsentLedger consents;
    private final PhoneLocator locator;
    private final Leads leads;
    private final Touches touches;

    public PhoneFactGatherer(SuppressionRegister suppressions, NationalDncRegistry registry, ConsentLedger consents,
                             PhoneLocator locator, Leads leads, Touches touches) {
        this.suppressions = suppressions;
        this.registry = registry;
        this.consents = consents;
        this.locator = locator;
        this.leads = leads;
        this.touches = touches;
    }

    /** What the location lookup found, kept for the audit evidence. */
    public record Gathered(Facts facts, PhoneLocation location) {
    }

    /**
     * @param stored false when the store holds nothing about the number ({@link dev.outreach.store.KnownRecipients}):
     *               its runtime suppressions, consents, requests and touches are then known to be none
     */
    public Gathered gather(Recipient recipient, Channel channel, Lead lead, Instant now, boolean stored) {
        String e164 = recipient.address();
        PhoneLocation location = lead == null ? locator.locate(e164, null, null, null)
                : locator.locate(e164, lead.timeZone(), lead.country(), lead.region());
        List<SuppressionHit> hits = suppressions.phoneHits(e164, stored);
        List<SuppressionHit> companyDnc = hits.stream().filter(h -> !NOT_DNC.contains(h.reason())).toList();
        boolean leadsNumber = lead != null && e164.equals(lead.phone());
        boolean wireless = !leadsNumber || !lead.phoneVerifiedLandline() || lead.lineType() == LineType.WIRELESS;
        String key = recipient.key();
        List<ConsentFact> allConsents = stored ? consents.factsFor(key, null) : List.of();
        PhoneFacts phone = new PhoneFacts(e164, e164.startsWith("+1"), location.zones(), location.states(), wireless,
                registry.asOf(), registry.contains(e164), companyDnc, stored ? consents.lastDncRequestAt(key) : null,
                allConsents.stream().filter(c -> c.channel() == channel).toList(), relationships(lead),
                leadsNumber ? lead.lineType() : LineType.UNKNOWN,
                revocations(stored ? consents.dncRequestsAt(key) : List.of(), allConsents));
        Facts facts = new Facts(lead, hits, suppressions.unreadablePhoneLists(), null,
                stored ? recentTouches(recipient, now) : List.of(), false, phone)
                .withJurisdiction(Jurisdictions.shipped().of(lead, null, e164));
        return new Gathered(facts, location);
    }

    /**
     * Every revocation of the number with the channel it named. A consent's own revocation names its
     * channel. A do-not-call request names one channel only when the ledger shows it: it revoked
     * consents of that channel alone while a consent of another channel, in force at that instant,
     * stayed in force (a request naming no channel revokes them all). Anything else covers every
     * channel, so what cannot be shown fails closed.
     */
    static List<RevocationFact> revocations(List<Instant> dncRequests, List<ConsentFact> consents) {
        List<RevocationFact> out = new ArrayList<>();
        consents.stream().filter(c -> c.revokedAt() != null)
                .forEach(c -> out.add(new RevocationFact(c.revokedAt(), c.channel())));
        for (Instant at : dncRequests) {
            Set<Channel> revokedThen = consents.stream().filter(c -> at.equals(c.revokedAt()))
                    .map(ConsentFact::channel).collect(java.util.stream.Collectors.toSet());
            boolean otherSurvived = revokedThen.size() == 1 && consents.stream().anyMatch(c ->
                    !revokedThen.contains(c.channel()) && c.capturedAt().isBefore(at)
                            && (c.revokedAt() == null || c.revokedAt().isAfter(at)));
            out.add(new RevocationFact(at, otherSurvived ? revokedThen.iterator().next() : null));
        }
        return out;
    }

    private List<TouchFact> recentTouches(Recipient recipient, Instant now) {
        return touches.toRecipientSince(recipient.key(), now.minus(LOOKBACK)).stream()
                .filter(t -> !t.dryRun())
                .map(RecentTouches::toFact)
                .toList();
    }

    /** An inquiry starts at the lead's creation; a purchase at the transition that recorded WON. */
    private List<RelationshipFact> relationships(Lead lead) {
        List<RelationshipFact> out = new ArrayList<>();
        if (lead == null) {
            return out;
        }
        if (lead.source() == LeadSource.INQUIRY || lead.source() == LeadSource.WEB_FORM) {
            out.add(new RelationshipFact("INQUIRY", lead.createdAt()));
        }
        if (lead.outcome() == LeadOutcome.WON) {
            for (StageTransition t : leads.transitions(lead.id())) {
                if (t.outcome() == LeadOutcome.WON) {
                    out.add(new RelationshipFact("PURCHASE", t.at()));
                }
            }
        }
        return out;
    }
}
