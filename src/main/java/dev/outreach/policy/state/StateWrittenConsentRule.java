package dev.outreach.policy.state;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code state.written-consent}: a state's own written-consent requirement for telephone
 * solicitation (reference D: Maryland since 2024-01-01 and Oklahoma for automated calls, Connecticut
 * for every sales call or text). A touch it covers needs a {@code TCPA_WRITTEN} consent for this
 * number and channel, in force and given after the latest do-not-call request or revocation.
 * "Automated" covers autodialed and prerecorded calls, calls whose dialer is not stated (fail closed)
 * and texts.
 */
public final class StateWrittenConsentRule implements Rule {

    public static final String ID = "state.written-consent";
    private static final String WRITTEN = "TCPA_WRITTEN";
    /** The earliest offset in use: a date has begun somewhere once it has begun at UTC+14. */
    private static final ZoneOffset EARLIEST = ZoneOffset.ofHours(14);

    private final StateRulePack pack;

    public StateWrittenConsentRule(StateRulePack pack) {
        this.pack = Objects.requireNonNull(pack, "pack");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        Optional<RuleResult> outOfScope = SolicitationScope.outOfScope(ID, attempt);
        if (outOfScope.isPresent()) {
            return outOfScope.get();
        }
        PhoneFacts phone = facts.phone();
        Optional<RuleResult> unknown = StateRows.unknownLocation(ID, phone);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        List<StateRule> rows = StateRows.of(pack, phone, r -> r.writtenConsent() != null);
        String off = StateRows.turnedOff(rows);
        List<StateRule> covering = new ArrayList<>();
        List<String> notCovering = new ArrayList<>();
        for (StateRule row : rows.stream().filter(StateRule::enforced).toList()) {
            WrittenConsentRow w = row.writtenConsent();
            if (w.since() != null && now.isBefore(w.since().atStartOfDay(EARLIEST).toInstant())) {
                notCovering.add(row.state() + " requires " + w + ", not yet in force");
            } else if (covers(w, attempt)) {
                covering.add(row);
            } else {
                notCovering.add(row.state() + " requires " + w + ", not for this manually dialed call");
            }
        }
        if (!off.isEmpty()) {
            notCovering.add(off);
        }
        if (covering.isEmpty()) {
            return RuleResult.notApplicable(ID, rows.isEmpty()
                    ? "no state written-consent requirement for " + StateRows.sorted(phone.candidateStates())
                    + " in state rule pack " + pack.version() : String.join("; ", notCovering));
        }
        String required = String.join("; ", covering.stream().map(r -> r.label() + " requires "
                + r.writtenConsent()).toList());
        Optional<ConsentFact> written = phone.consents().stream()
                .filter(c -> c.kind().equals(WRITTEN) && c.channel() == attempt.channel() && c.activeAt(now))
                .filter(c -> phone.lastDncRequestAt() == null || c.capturedAt().isAfter(phone.lastDncRequestAt()))
                .max(Comparator.comparing(ConsentFact::capturedAt));
        if (written.isPresent()) {
            return RuleResult.pass(ID, required + "; TCPA_WRITTEN consent " + written.get().id() + " given on "
                    + LocalDate.ofInstant(written.get().capturedAt(), ZoneOffset.UTC), StateRows.citations(covering));
        }
        return RuleResult.block(ID, required + "; no TCPA_WRITTEN consent for this number and " + attempt.channel()
                + " in force and given after the latest do-not-call request or revocation", StateRows.citations(covering));
    }

    private static boolean covers(WrittenConsentRow w, Attempt attempt) {
        return w.covers() == WrittenConsentRow.Covers.EVERY_SALES_TOUCH
                || attempt.channel() == Channel.SMS
                || attempt.dialer() != Dialer.MANUAL;
    }
}
