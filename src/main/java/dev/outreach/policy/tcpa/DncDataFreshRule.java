package dev.outreach.policy.tcpa;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Telephone solicitation may rely only on a national registry version obtained at most 31 days
 * before the call. Missing or older data blocks (fail closed) until a fresh download is loaded.
 * Days are counted to the call's date in UTC, which is never earlier than the date anywhere in
 * the United States, so the count is never short. A number the lead states is a BUSINESS line is
 * outside the registry, so its age does not matter for it.
 */
public final class DncDataFreshRule implements Rule {

    public static final String ID = "tcpa.dnc-data-fresh";
    static final String CITATION = "47 CFR 64.1200(c)(2)(i)(D); 16 CFR 310.4(b)(3)(iv)";
    static final int MAX_AGE_DAYS = 31;

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
            return RuleResult.notApplicable(ID, NationalDncRule.BUSINESS_LINE + "; so the registry's age does not matter");
        }
        if (phone.registryAsOf() == null) {
            return RuleResult.block(ID, "no national do-not-call registry data is loaded; a "
                    + TcpaScope.describe(attempt) + " cannot be checked against it", CITATION);
        }
        LocalDate callDate = LocalDate.ofInstant(now, ZoneOffset.UTC);
        long age = ChronoUnit.DAYS.between(phone.registryAsOf(), callDate);
        if (age > MAX_AGE_DAYS) {
            return RuleResult.block(ID, "national registry data is as of " + phone.registryAsOf() + ", " + age
                    + " days before the call; at most " + MAX_AGE_DAYS + " days are allowed", CITATION);
        }
        return RuleResult.pass(ID, "national registry data is as of " + phone.registryAsOf() + ", " + age
                + " days before the call (at most " + MAX_AGE_DAYS + ")", CITATION);
    }
}
