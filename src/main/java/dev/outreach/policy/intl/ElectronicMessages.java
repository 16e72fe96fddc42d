package dev.outreach.policy.intl;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.Stage;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Facts;
import dev.outreach.policy.JurisdictionFact;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.RelationshipFact;
import dev.outreach.policy.RuleResult;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the commercial-electronic-message laws beyond the GDPR (CASL, Swiss UWG, Spam Act) share:
 * they cover marketing email and texts (not voice calls), they reach a recipient when any
 * jurisdiction signal points to their country, and they accept a recorded express consent that has
 * not been withdrawn.
 *
 * <p>Express consent is a consent of kind {@code GDPR} (any channel), {@code EMAIL_OPT_IN} (email)
 * or {@code TCPA_WRITTEN} (texts), for the attempt's channel, in force at the instant judged and not
 * withdrawn: for email an {@code UNSUBSCRIBE} or {@code OBJECTION} on file withdraws it, for texts a
 * do-not-call request or revocation after it does. {@code TCPA_EXPRESS} (giving one's number) is not
 * an express consent to marketing messages and does not count.
 */
final class ElectronicMessages {

    private static final Set<SuppressionReason> OPT_OUTS = Set.of(SuppressionReason.UNSUBSCRIBE, SuppressionReason.OBJECTION);

    private ElectronicMessages() {
    }

    /** NOT_APPLICABLE when the attempt is no marketing email or text, or no signal points to {@code country}. */
    static Optional<RuleResult> outOfScope(String rule, String country, String law, Attempt attempt, Facts facts) {
        if (attempt.channel() == Channel.CALL) {
            return Optional.of(RuleResult.notApplicable(rule, law + " covers commercial electronic messages "
                    + "(email, texts), not voice calls"));
        }
        if (!attempt.purpose().isMarketing()) {
            return Optional.of(RuleResult.notApplicable(rule, "not a commercial message (purpose "
                    + attempt.purpose() + ")"));
        }
        JurisdictionFact j = facts.jurisdiction();
        if (j != null && j.reaches(country).isEmpty()) {
            return Optional.of(RuleResult.notApplicable(rule, "no signal points to " + country + " (" + law
                    + " does not reach the recipient): " + j.decidedBy()));
        }
        return Optional.empty();
    }

    /** "under CASL: email domain .ca", or the fail-closed reading when jurisdiction was not determined. */
    static String who(String country, String law, Facts facts) {
        JurisdictionFact j = facts.jurisdiction();
        return j == null ? "jurisdiction not determined, treated as under " + law + " (fail closed)"
                : "under " + law + ": " + j.reaches(country).orElseThrow();
    }

    static boolean optedOut(Attempt attempt, Facts facts) {
        return attempt.channel() == Channel.EMAIL && facts.hasSuppressionFor(OPT_OUTS);
    }

    /** When a do-not-call request or revocation last withdrew text consent, or null. */
    static Instant withdrawnAt(Attempt attempt, Facts facts) {
        PhoneFacts phone = facts.phone();
        return attempt.channel() == Channel.EMAIL || phone == null ? null : phone.lastDncRequestAt();
    }

    /** The latest express consent in force and not withdrawn. */
    static Optional<ConsentFact> expressConsent(Attempt attempt, Facts facts, Instant now) {
        if (optedOut(attempt, facts)) {
            return Optional.empty();
        }
        Instant withdrawn = withdrawnAt(attempt, facts);
        return ConsentFact.latest(facts.consentsFor(attempt.channel()), c -> express(c, attempt.channel())
                && c.activeAt(now) && (withdrawn == null || c.capturedAt().isAfter(withdrawn)));
    }

    static String consentPass(ConsentFact c) {
        return "express consent " + c.kind() + " " + c.id() + " for " + c.channel() + " given on "
                + date(c.capturedAt());
    }

    /** Why no express consent counts, in words. */
    static String noExpressConsent(Attempt attempt, Facts facts) {
        if (optedOut(attempt, facts)) {
            return "the address unsubscribed or objected, which withdraws every consent";
        }
        List<ConsentFact> all = facts.consentsFor(attempt.channel());
        if (all.isEmpty()) {
            return "no consent for " + attempt.channel() + " on file";
        }
        return "no express consent (" + expressKinds(attempt.channel()) + ") for " + attempt.channel()
                + " in force and given after the latest withdrawal (on file: "
                + all.stream().map(c -> c.kind() + " " + c.id()).toList() + ")";
    }

    private static String expressKinds(Channel channel) {
        return channel == Channel.EMAIL ? "GDPR or EMAIL_OPT_IN" : "GDPR or TCPA_WRITTEN";
    }

    private static boolean express(ConsentFact c, Channel channel) {
        return c.kind().equals("GDPR")
                || (channel == Channel.EMAIL && c.kind().equals("EMAIL_OPT_IN"))
                || (channel == Channel.SMS && c.kind().equals("TCPA_WRITTEN"));
    }

    /**
     * Purchases and inquiries: the number's (texts) as gathered, or for email the lead's own record,
     * an inquiry at the lead's creation (source INQUIRY or WEB_FORM) and a purchase for outcome WON
     * dated at the lead's creation too, because email facts carry no date of sale (the earliest date
     * gives the shortest window: fail closed).
     */
    static List<RelationshipFact> relationships(Attempt attempt, Facts facts) {
        if (attempt.channel() == Channel.SMS && facts.phone() != null) {
            return facts.phone().relationships();
        }
        List<RelationshipFact> out = new ArrayList<>();
        Lead lead = facts.lead();
        if (lead == null) {
            return out;
        }
        if (lead.source() == LeadSource.INQUIRY || lead.source() == LeadSource.WEB_FORM) {
            out.add(new RelationshipFact("INQUIRY", lead.createdAt()));
        }
        if (lead.outcome() == LeadOutcome.WON) {
            out.add(new RelationshipFact("PURCHASE", lead.createdAt()));
        }
        return out;
    }

    /** Why the lead is a customer (outcome WON, or CLOSING/POST_SALE and not LOST), or empty. */
    static Optional<String> customer(Lead lead) {
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

    static String what(Attempt attempt) {
        return attempt.channel() == Channel.EMAIL ? "commercial email" : "marketing text";
    }

    static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
