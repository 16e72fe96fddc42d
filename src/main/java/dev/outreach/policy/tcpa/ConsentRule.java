package dev.outreach.policy.tcpa;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.PolicySettings;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Autodialed or prerecorded calls and texts need the called party's prior express consent, and
 * prior express <em>written</em> consent when they advertise or solicit. Texts are treated as
 * autodialed. Manually dialed calls need no consent under this rule (the do-not-call rules govern
 * them). Consent belongs to the number: only consents recorded for this exact number count, and a
 * do-not-call request or revocation withdraws every consent given before it.
 *
 * <p>A number is treated as wireless unless the lead records it as a verified landline. For a
 * verified landline only a live autodialed call is outside this rule (227(b)(1)(A)(iii) covers
 * wireless numbers); prerecorded calls still need consent (64.1200(a)(3)), and a call whose dialer
 * is not stated is judged as if it could be prerecorded. Texts are judged the same either way.
 *
 * <p>Which revocations withdraw a consent is a dated setting ({@link PolicySettings#revokeAllScopeFrom()},
 * 47 CFR 64.1200(a)(10) as delayed by FCC CGB order 2026-01-06): from that date a revocation of one
 * message type (robocalls or robotexts) withdraws every robocall and robotext consent given before
 * it; before that date only a revocation covering the attempt's channel does (a request naming no
 * channel covers both).
 */
public final class ConsentRule implements Rule {

    public static final String ID = "tcpa.consent";
    static final String CITATION_WRITTEN = "47 USC 227(b)(1)(A)(iii); 47 CFR 64.1200(a)(2), (a)(3), (f)(9)";
    static final String CITATION_EXPRESS = "47 USC 227(b)(1)(A)(iii); 47 CFR 64.1200(a)(1)(iii)";
    private static final String WIRELESS_NOTE = "number treated as wireless (line type not verified)";
    private static final Set<String> WRITTEN = Set.of(ConsentsInForce.TCPA_WRITTEN);
    private static final Set<String> EXPRESS = Set.of(ConsentsInForce.TCPA_WRITTEN, ConsentsInForce.TCPA_EXPRESS);

    static final String REVOKE_ALL_CITATION = "47 CFR 64.1200(a)(10); FCC CGB order 2026-01-06";

    private final PolicySettings settings;

    /** With the revoke-all scope from its default date. */
    public ConsentRule() {
        this(PolicySettings.defaults(Set.of()));
    }

    public ConsentRule(PolicySettings settings) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        boolean marketing = attempt.purpose().isMarketing();
        String citation = marketing ? CITATION_WRITTEN : CITATION_EXPRESS;
        Optional<RuleResult> pre = TcpaScope.precheck(ID, citation, attempt, facts);
        if (pre.isPresent()) {
            return pre.get();
        }
        if (attempt.channel() == Channel.CALL && attempt.dialer() == Dialer.MANUAL) {
            return RuleResult.notApplicable(ID, "manually dialed call: 47 USC 227(b) consent rules do not apply "
                    + "(do-not-call rules still do)");
        }
        Optional<RuleResult> confirmation = RevocationConfirmation.judge(ID, attempt, facts, now);
        if (confirmation.isPresent()) {
            return confirmation.get();
        }
        PhoneFacts phone = facts.phone();
        if (!phone.wireless() && attempt.channel() == Channel.CALL && attempt.dialer() == Dialer.AUTODIALED) {
            return RuleResult.notApplicable(ID, "live autodialed call to a verified landline: the 47 USC "
                    + "227(b)(1)(A)(iii) consent requirement covers wireless numbers (do-not-call rules still apply)");
        }
        String what = how(attempt) + " " + TcpaScope.describe(attempt);
        String needed = marketing ? "prior express written consent" : "prior express consent";
        String lineNote = phone.wireless() ? WIRELESS_NOTE : "verified landline";
        Set<String> kinds = marketing ? WRITTEN : EXPRESS;
        boolean revokeAll = settings.revokeAllScopeAt(now);
        Instant withdrawnAt = revokeAll ? phone.lastDncRequestAt() : phone.lastRevocationCovering(attempt.channel());
        String scope = scopeNote(phone, attempt.channel(), revokeAll);
        Optional<ConsentFact> consent = ConsentsInForce.inForce(phone.consents(), kinds, attempt.channel(),
                withdrawnAt, now);
        if (consent.isPresent()) {
            return RuleResult.pass(ID, what + ": " + consent.get().kind() + " consent " + consent.get().id()
                    + " given on " + ConsentsInForce.date(consent.get().capturedAt()) + "; " + lineNote + scope,
                    citation);
        }
        String why = ConsentsInForce.whyNotInForce(phone.consents(), kinds, attempt.channel(), withdrawnAt,
                now).orElseGet(() -> none(phone, attempt.channel(), marketing, now));
        return RuleResult.block(ID, what + " needs " + needed + " for this number; " + why + "; " + lineNote + scope,
                scope.isEmpty() ? citation : citation + "; " + REVOKE_ALL_CITATION);
    }

    /**
     * Names the revocation scope in force when a revocation of the other message type exists, the
     * only case in which the dated setting changes the answer; empty otherwise.
     */
    private String scopeNote(PhoneFacts phone, Channel channel, boolean revokeAll) {
        boolean otherTypeOnly = phone.revocations().stream().anyMatch(r -> !r.covers(channel));
        if (!otherTypeOnly) {
            return "";
        }
        return revokeAll
                ? "; since " + settings.revokeAllScopeFrom() + " a revocation of one message type revokes all "
                        + "robocall and robotext consent (" + REVOKE_ALL_CITATION + ")"
                : "; a revocation of another message type does not cover " + channel + " before "
                        + settings.revokeAllScopeFrom() + " (" + REVOKE_ALL_CITATION + ")";
    }

    private static String how(Attempt attempt) {
        if (attempt.channel() == Channel.SMS) {
            return "automated";
        }
        return attempt.dialer() == null ? "autodialed (dialer not stated, so treated as autodialed)"
                : attempt.dialer() == Dialer.PRERECORDED ? "prerecorded" : "autodialed";
    }

    private static String none(PhoneFacts phone, Channel channel, boolean marketing, Instant now) {
        boolean expressOnly = marketing && phone.consents().stream().anyMatch(c ->
                c.kind().equals(ConsentsInForce.TCPA_EXPRESS) && c.channel() == channel && c.activeAt(now));
        if (expressOnly) {
            return "only TCPA_EXPRESS consent is on file, which does not authorise marketing";
        }
        return "no " + (marketing ? "TCPA_WRITTEN" : "TCPA_WRITTEN or TCPA_EXPRESS") + " consent on file for "
                + channel + " to this number";
    }
}
