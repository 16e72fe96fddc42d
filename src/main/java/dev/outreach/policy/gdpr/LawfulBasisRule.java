package dev.outreach.policy.gdpr;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.Stage;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Facts;
import dev.outreach.policy.JurisdictionFact;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Direct marketing to a person protected by the GDPR or the UK GDPR needs a lawful basis the
 * ePrivacy rules accept: prior consent for marketing email, texts and calls (GDPR Art 6(1)(a),
 * Directive 2002/58/EC Art 13(1)), or, for email only, the soft opt-in of an existing customer
 * who has not opted out (Art 13(2); UK PECR reg 22). Non-marketing messages rely on the contract.
 *
 * <p>Consent counts when it was recorded for the attempt's channel, is of kind {@code GDPR} (any
 * channel) or {@code EMAIL_OPT_IN} (email), is in force at the instant judged and has not been
 * withdrawn: for email an unsubscribe or objection on file withdraws it, for calls and texts a
 * do-not-call request or revocation after it does. US consents ({@code TCPA_WRITTEN},
 * {@code TCPA_EXPRESS}) never count. A customer is a lead whose outcome is WON, or who is in
 * CLOSING or POST_SALE and not LOST.
 *
 * <p>A recipient whose jurisdiction was not determined is treated as protected (fail closed).
 */
public final class LawfulBasisRule implements Rule {

    public static final String ID = "gdpr.lawful-basis";
    static final String CITATION_CONSENT = "GDPR Art 6(1)(a); Directive 2002/58/EC Art 13(1)";
    static final String CITATION_SOFT_OPT_IN = "Directive 2002/58/EC Art 13(2); UK PECR reg 22";
    static final String CITATION_CONTRACT = "GDPR Art 6(1)(b)";
    static final String CITATION_NOT_MARKETING = "GDPR Art 6(1)(b), (f)";

    private static final String GDPR = "GDPR";
    private static final String EMAIL_OPT_IN = "EMAIL_OPT_IN";
    private static final Set<String> US_CONSENTS = Set.of("TCPA_WRITTEN", "TCPA_EXPRESS");
    private static final Set<SuppressionReason> OPT_OUTS = Set.of(SuppressionReason.UNSUBSCRIBE, SuppressionReason.OBJECTION);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        JurisdictionFact jurisdiction = facts.jurisdiction();
        if (jurisdiction != null && !jurisdiction.protectedByGdpr()) {
            return RuleResult.notApplicable(ID, "not protected by the GDPR or UK GDPR: " + jurisdiction.decidedBy());
        }
        String who = jurisdiction == null
                ? "jurisdiction not determined, treated as protected by the GDPR/UK GDPR (fail closed)"
                : "protected by the GDPR/UK GDPR: " + jurisdiction.decidedBy();
        if (!attempt.purpose().isMarketing()) {
            return attempt.purpose() == Purpose.TRANSACTIONAL
                    ? RuleResult.pass(ID, "transactional message relies on the contract; " + who, CITATION_CONTRACT)
                    : RuleResult.pass(ID, "not direct marketing: relies on the contract or legitimate interests; "
                    + who, CITATION_NOT_MARKETING);
        }
        Channel channel = attempt.channel();
        List<ConsentFact> consents = facts.consentsFor(channel);
        Instant withdrawnBy = channel == Channel.EMAIL || facts.phone() == null ? null
                : facts.phone().lastDncRequestAt();
        boolean optedOut = channel == Channel.EMAIL && facts.hasSuppressionFor(OPT_OUTS);
        Optional<ConsentFact> inForce = optedOut ? Optional.empty() : ConsentFact.latest(consents,
                c -> countingKind(c, channel) && c.activeAt(now)
                        && (withdrawnBy == null || c.capturedAt().isAfter(withdrawnBy)));
        if (inForce.isPresent()) {
            ConsentFact c = inForce.get();
            return RuleResult.pass(ID, c.kind() + " consent " + c.id() + " for " + channel + " given on "
                    + date(c.capturedAt()) + "; " + who, CITATION_CONSENT);
        }
        if (channel == Channel.EMAIL) {
            Optional<String> customer = customer(facts.lead());
            if (customer.isPresent() && !optedOut) {
                return RuleResult.pass(ID, "soft opt-in: an existing customer (" + customer.get() + ") who has not "
                        + "opted out; only our own similar products, with an opt-out in every message; " + who,
                        CITATION_SOFT_OPT_IN);
            }
        }
        return RuleResult.block(ID, what(attempt) + " to a person " + who + " needs prior consent; "
                + whyNoConsent(consents, channel, withdrawnBy, optedOut, now)
                + (channel == Channel.EMAIL ? "; " + whyNoSoftOptIn(facts.lead(), optedOut) : ""), CITATION_CONSENT);
    }

    private static boolean countingKind(ConsentFact c, Channel channel) {
        return c.kind().equals(GDPR) || (channel == Channel.EMAIL && c.kind().equals(EMAIL_OPT_IN));
    }

    private static String whyNoConsent(List<ConsentFact> consents, Channel channel, Instant withdrawnBy,
                                       boolean optedOut, Instant now) {
        List<ConsentFact> counting = consents.stream().filter(c -> countingKind(c, channel)).toList();
        String kinds = channel == Channel.EMAIL ? "GDPR or EMAIL_OPT_IN" : "GDPR";
        if (counting.isEmpty()) {
            boolean usOnly = consents.stream().anyMatch(c -> US_CONSENTS.contains(c.kind()));
            return "no " + kinds + " consent for " + channel + " on file"
                    + (usOnly ? " (TCPA consents are US consents and do not count)" : "");
        }
        ConsentFact latest = counting.stream().max(Comparator.comparing(ConsentFact::capturedAt)).orElseThrow();
        if (optedOut) {
            return latest.kind() + " consent " + latest.id() + " is withdrawn: the address unsubscribed or objected";
        }
        if (latest.revokedAt() != null && !latest.revokedAt().isAfter(now)) {
            return latest.kind() + " consent " + latest.id() + " was withdrawn on " + date(latest.revokedAt());
        }
        if (latest.capturedAt().isAfter(now)) {
            return latest.kind() + " consent " + latest.id() + " is dated after the instant judged";
        }
        if (withdrawnBy == null) {
            return latest.kind() + " consent " + latest.id() + " is not in force";
        }
        return latest.kind() + " consent " + latest.id() + " was given on " + date(latest.capturedAt())
                + ", before the do-not-call request or revocation of " + date(withdrawnBy) + ", which withdrew it";
    }

    private static String whyNoSoftOptIn(Lead lead, boolean optedOut) {
        if (optedOut) {
            return "no soft opt-in: the address unsubscribed or objected";
        }
        if (lead == null) {
            return "no soft opt-in: the address belongs to no known lead, so no purchase is on record";
        }
        return "no soft opt-in: lead " + lead.id() + " is a prospect (stage " + lead.stage()
                + (lead.outcome() == null ? "" : ", outcome " + lead.outcome()) + "), not a customer";
    }

    /** Why the lead counts as a customer, or empty for a prospect. */
    private static Optional<String> customer(Lead lead) {
        if (lead == null) {
            return Optional.empty();
        }
        if (lead.outcome() == LeadOutcome.WON) {
            return Optional.of("lead " + lead.id() + " outcome WON");
        }
        if (lead.outcome() != LeadOutcome.LOST && (lead.stage() == Stage.CLOSING || lead.stage() == Stage.POST_SALE)) {
            return Optional.of("lead " + lead.id() + " in " + lead.stage());
        }
        return Optional.empty();
    }

    private static String what(Attempt attempt) {
        return switch (attempt.channel()) {
            case EMAIL -> "commercial email";
            case SMS -> "marketing text";
            case CALL -> "telemarketing call";
        };
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
