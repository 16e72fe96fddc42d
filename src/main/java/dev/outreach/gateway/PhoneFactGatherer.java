package dev.outreach.gateway;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.contact.Jurisdictions;
import dev.outreach.contact.PhoneLocation;
import dev.outreach.contact.PhoneLocator;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.StageTransition;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.RelationshipFact;
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

    public Gathered gather(Recipient recipient, Channel channel, Lead lead, Instant now) {
        String e164 = recipient.address();
        PhoneLocation location = lead == null ? locator.locate(e164, null, null, null)
                : locator.locate(e164, lead.timeZone(), lead.country(), lead.region());
        List<SuppressionHit> hits = suppressions.phoneHits(e164);
        List<SuppressionHit> companyDnc = hits.stream().filter(h -> !NOT_DNC.contains(h.reason())).toList();
        boolean wireless = lead == null || !lead.phoneVerifiedLandline() || !e164.equals(lead.phone());
        PhoneFacts phone = new PhoneFacts(e164, e164.startsWith("+1"), location.zones(), location.states(), wireless,
                registry.asOf(), registry.contains(e164), companyDnc, consents.lastDncRequestAt(recipient.key()),
                consents.factsFor(recipient.key(), channel), relationships(lead));
        Facts facts = new Facts(lead, hits, suppressions.unreadablePhoneLists(), null, recentTouches(recipient, now),
                false, phone).withJurisdiction(Jurisdictions.shipped().of(lead, null, e164));
        return new Gathered(facts, location);
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
