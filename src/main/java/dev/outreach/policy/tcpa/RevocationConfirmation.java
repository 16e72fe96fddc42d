package dev.outreach.policy.tcpa;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RuleResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one text that may follow a revocation: informational, no marketing, within five minutes of
 * the revocation, and only once (47 CFR 64.1200(a)(12)). A text is a confirmation when the caller
 * marks it so; the gateway then judges the window and the count.
 */
public final class RevocationConfirmation {

    /** The marker an SMS attempt carries in its template slot when it confirms a revocation. */
    public static final String MARKER = "revocation-confirmation";
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final String CITATION = "47 CFR 64.1200(a)(12)";

    private RevocationConfirmation() {
    }

    static boolean isConfirmation(Attempt attempt) {
        return attempt.channel() == Channel.SMS && MARKER.equals(attempt.template());
    }

    /** PASS within the window for the first confirmation; otherwise BLOCK saying which limit was passed. */
    static Optional<RuleResult> judge(String ruleId, Attempt attempt, Facts facts, Instant now) {
        if (!isConfirmation(attempt)) {
            return Optional.empty();
        }
        Instant revokedAt = facts.phone().lastDncRequestAt();
        if (attempt.purpose() != Purpose.INFORMATIONAL || revokedAt == null || now.isBefore(revokedAt)) {
            return Optional.of(RuleResult.block(ruleId, "a revocation confirmation must be informational and follow "
                    + "a revocation; none is on file for this number", CITATION));
        }
        if (now.isAfter(revokedAt.plus(WINDOW))) {
            return Optional.of(RuleResult.block(ruleId, "the revocation at " + revokedAt + " may be confirmed within "
                    + "five minutes; that window has passed", CITATION));
        }
        boolean alreadySent = facts.recentTouches().stream().anyMatch(t -> t.allowed() && t.channel() == Channel.SMS
                && MARKER.equals(t.template()) && !t.at().isBefore(revokedAt));
        if (alreadySent) {
            return Optional.of(RuleResult.block(ruleId, "the revocation at " + revokedAt + " was already confirmed; "
                    + "only one confirmation text is allowed", CITATION));
        }
        return Optional.of(RuleResult.pass(ruleId, "one confirmation text within five minutes of the revocation at "
                + revokedAt, CITATION));
    }
}
