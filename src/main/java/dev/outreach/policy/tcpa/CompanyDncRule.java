package dev.outreach.policy.tcpa;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.SuppressionHit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * No telephone solicitation to a number on the company's own do-not-call list: the list files
 * under {@code suppression-lists/phone/} and the runtime requests (API, call outcome
 * {@code DNC_REQUESTED}, texted or otherwise revoked consent, and provisional revocations awaiting
 * review). Requests are honoured from the instant they are acknowledged, well inside the 10
 * business days the rule allows. The company list governs telephone solicitation, so
 * informational calls and texts pass here (with a note); revoked consent still stops
 * autodialed ones under {@code tcpa.consent}.
 */
public final class CompanyDncRule implements Rule {

    public static final String ID = "tcpa.company-dnc";
    static final String CITATION = "47 CFR 64.1200(d)(3), (d)(6); 16 CFR 310.4(b)(1)(iii)(A)";
    private static final String PHONE_LISTS = "phone/";

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
        List<SuppressionHit> hits = facts.phone().companyDnc();
        if (!attempt.purpose().isMarketing()) {
            return RuleResult.pass(ID, hits.isEmpty() ? "informational; not on the company do-not-call list"
                    : "informational, so the company do-not-call list (which governs telephone solicitation) does "
                    + "not stop it; note: the number is on it (" + describe(hits) + ")", CITATION);
        }
        List<String> unreadable = facts.unreadableLists().stream().filter(n -> n.startsWith(PHONE_LISTS)).toList();
        if (!unreadable.isEmpty()) {
            return RuleResult.block(ID, "company do-not-call list(s) " + unreadable + " could not be read; their "
                    + "contents are unknown, so " + TcpaScope.describe(attempt) + "s are blocked", CITATION);
        }
        if (hits.isEmpty()) {
            return RuleResult.pass(ID, "not on the company do-not-call list", CITATION);
        }
        return RuleResult.block(ID, "number is on the company do-not-call list: " + describe(hits), CITATION);
    }

    private static String describe(List<SuppressionHit> hits) {
        return hits.stream().map(CompanyDncRule::describe).collect(Collectors.joining("; "));
    }

    private static String describe(SuppressionHit h) {
        if (h.source().equals("runtime:review")) {
            return "possible revocation awaiting review (" + h.reason() + ")";
        }
        return h.reason() + " (" + h.source() + ")";
    }
}
