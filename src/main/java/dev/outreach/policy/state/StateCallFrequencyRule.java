package dev.outreach.policy.state;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.TouchFact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code state.call-frequency}: a state's cap on solicitation touches to one number (Florida,
 * Oklahoma, Maryland: 3 per 24 h; Maine: one autodialed call per 8 h). Counts every allowed touch of
 * the capped channels to the recipient in the window, whatever number it came from (Florida counts
 * calls "from any number"). A cap limited to some dialers counts only earlier calls made with them,
 * and a cap the pack marks {@code perSubject} counts only touches on the attempt's subject when the
 * attempt states one; an earlier touch whose dialer or subject is not recorded counts (fail closed),
 * and so does every touch when the attempt states no subject.
 */
public final class StateCallFrequencyRule implements Rule {

    public static final String ID = "state.call-frequency";

    private final StateRulePack pack;

    public StateCallFrequencyRule(StateRulePack pack) {
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
        List<StateRule> rows = StateRows.of(pack, phone, r -> r.frequencyCap() != null);
        String off = StateRows.turnedOff(rows);
        List<StateRule> enforced = rows.stream().filter(StateRule::enforced).toList();
        List<StateRule> covering = enforced.stream().filter(r -> r.frequencyCap().covers(attempt)).toList();
        if (covering.isEmpty()) {
            List<String> why = new ArrayList<>();
            if (rows.isEmpty()) {
                why.add("no state frequency cap for " + StateRows.sorted(phone.candidateStates())
                        + " in state rule pack " + pack.version());
            }
            enforced.forEach(r -> why.add(r.state() + " caps " + r.frequencyCap() + ", not this "
                    + (attempt.dialer() == null ? "" : attempt.dialer() + " ") + SolicitationScope.touch(attempt)));
            if (!off.isEmpty()) {
                why.add(off);
            }
            return RuleResult.notApplicable(ID, String.join("; ", why));
        }
        List<String> found = new ArrayList<>();
        List<StateRule> reached = new ArrayList<>();
        Instant next = null;
        for (StateRule row : covering) {
            FrequencyCap cap = row.frequencyCap();
            Instant windowStart = now.minus(cap.window());
            List<Instant> inWindow = facts.recentTouches().stream()
                    .filter(t -> cap.counts(t, attempt))
                    .map(TouchFact::at)
                    .filter(at -> at.isAfter(windowStart) && !at.isAfter(now))
                    .sorted()
                    .toList();
            String counted = row.state() + ": " + inWindow.size() + " of " + cap.count() + " " + cap.touches()
                    + counting(cap, attempt) + " to this recipient in the last " + FrequencyCap.describe(cap.window())
                    + " (" + cap.scope() + ")";
            if (inWindow.size() < cap.count()) {
                found.add(counted);
                continue;
            }
            // a slot frees when enough of the oldest touches leave the window to bring the count below the cap
            Instant free = inWindow.get(inWindow.size() - cap.count()).plus(cap.window());
            found.add(row.label() + " cap reached, " + counted + "; the earliest counted at " + inWindow.get(0)
                    + "; a slot frees at " + free);
            reached.add(row);
            next = next == null || free.isAfter(next) ? free : next;
        }
        String detail = String.join("; ", found) + (off.isEmpty() ? "" : "; " + off);
        if (reached.isEmpty()) {
            return RuleResult.pass(ID, detail, StateRows.citations(covering));
        }
        return RuleResult.blockUntil(ID, detail, StateRows.citations(reached), next);
    }

    /** What was counted, in words; never the subject itself (it may name a person). */
    private static String counting(FrequencyCap cap, Attempt attempt) {
        List<String> what = new ArrayList<>();
        if (!cap.dialers().isEmpty()) {
            what.add("made " + cap.dialers().stream().sorted().map(Enum::name).collect(
                    java.util.stream.Collectors.joining("/")) + " or with the dialer not recorded");
        }
        if (cap.perSubject()) {
            what.add(attempt.subject() == null ? "on any subject (this touch states none)"
                    : "on this touch's subject or with none stated");
        }
        return what.isEmpty() ? "" : " " + String.join(", ", what);
    }
}
