package dev.outreach.policy.tcpa;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.RelationshipFact;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * No telephone solicitation to a number on the national do-not-call registry (wireless numbers
 * included) unless an exemption applies: the person's signed written permission for this number
 * (an active {@code TCPA_WRITTEN} consent for the channel) or an established business relationship
 * not ended by a do-not-call request. The exemption is named in the result. Whether an autodialed
 * or prerecorded call or a marketing text also needs written consent is {@code tcpa.consent}'s
 * question, not this rule's.
 *
 * <p>The registry protects residential subscribers, wireless subscribers included (64.1200(c)(2),
 * (e)): a number the lead states is a BUSINESS line is outside it. A line type not stated (UNKNOWN)
 * is judged as protected.
 */
public final class NationalDncRule implements Rule {

    public static final String ID = "tcpa.national-dnc";
    static final String CITATION = "47 CFR 64.1200(c)(2); 16 CFR 310.4(b)(1)(iii)(B)";
    /** Said by this rule and the freshness rule when the lead states a business line. */
    static final String BUSINESS_LINE = "the lead states a BUSINESS line: the national registry protects residential "
            + "subscribers, wireless included (47 CFR 64.1200(c)(2), (e)); the company do-not-call list, consent and "
            + "calling hours still apply";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        Optional<RuleResult> pre = TcpaScope.precheck(ID, CITATION, attempt, facts);
        if (pre.isPresent()) {
            return pre.get();
        }
        if (!attempt.purpose().isMarketing()) {
            return RuleResult.notApplicable(ID, "informational; the registry governs telephone solicitation only");
        }
        PhoneFacts phone = facts.phone();
        if (!phone.nanp()) {
            return RuleResult.notApplicable(ID, "not a North American number; the national registry does not cover it");
        }
        if (!phone.lineType().registryProtected()) {
            return RuleResult.notApplicable(ID, BUSINESS_LINE);
        }
        if (phone.registryAsOf() != null && !phone.onNationalRegistry()) {
            return RuleResult.pass(ID, "not on the national registry (data as of " + phone.registryAsOf() + ")",
                    CITATION);
        }
        String found = phone.registryAsOf() == null
                ? "registry data missing, so the number may be registered" : "on registry";
        Optional<String> exemption = exemption(attempt, phone, now);
        if (exemption.isPresent()) {
            return RuleResult.pass(ID, found + "; exempt: " + exemption.get(), CITATION);
        }
        return RuleResult.block(ID, found + (phone.registryAsOf() == null ? "" : " (data as of "
                + phone.registryAsOf() + ")") + "; no exemption: " + whyNoExemption(phone, now), CITATION);
    }

    private static Optional<String> exemption(Attempt attempt, PhoneFacts phone, Instant now) {
        Optional<ConsentFact> written = ConsentsInForce.inForce(phone.consents(), Set.of(ConsentsInForce.TCPA_WRITTEN),
                attempt.channel(), phone.lastDncRequestAt(), now);
        if (written.isPresent()) {
            return Optional.of("written consent " + written.get().id() + " given on "
                    + ConsentsInForce.date(written.get().capturedAt()) + " (64.1200(c)(2)(ii))");
        }
        return EstablishedBusinessRelationship.inForce(phone.relationships(), phone.lastDncRequestAt(), now)
                .map(r -> r.describe() + " (64.1200(f)(5))");
    }

    private static String whyNoExemption(PhoneFacts phone, Instant now) {
        Optional<RelationshipFact> ended = EstablishedBusinessRelationship.endedByDncRequest(phone.relationships(),
                phone.lastDncRequestAt(), now);
        if (ended.isPresent()) {
            return "the established business relationship from the " + ended.get().kind().toLowerCase(Locale.ROOT)
                    + " on " + ConsentsInForce.date(ended.get().at()) + " ended with the do-not-call request of "
                    + ConsentsInForce.date(phone.lastDncRequestAt()) + " (64.1200(f)(5))";
        }
        return "no written consent for this number and no purchase within 18 months or inquiry within 3 months";
    }
}
