package dev.outreach.policy.state;

import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.RuleResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Predicate;

/** Finding the rule-pack rows for a recipient, and the fail-closed answers when the location is unknown. */
final class StateRows {

    private StateRows() {
    }

    /**
     * BLOCK when no facts about the number were gathered, or when a North American number has no
     * known state (the rules that apply cannot be told); NOT_APPLICABLE for a number outside the NANP
     * with no US region; empty when the candidate states are known.
     */
    static Optional<RuleResult> unknownLocation(String rule, PhoneFacts phone) {
        if (phone == null) {
            return Optional.of(RuleResult.block(rule, "recipient time zone unknown: no facts about the number were"
                    + " gathered; blocked to fail closed", null));
        }
        if (!phone.candidateStates().isEmpty()) {
            return Optional.empty();
        }
        if (phone.nanp()) {
            return Optional.of(RuleResult.block(rule, "recipient state unknown: neither the lead's region nor the"
                    + " number's area code names a state, so which state rules apply cannot be told; blocked to fail"
                    + " closed", null));
        }
        return Optional.of(RuleResult.notApplicable(rule, "no US state for this recipient (number outside the"
                + " North American Numbering Plan, no US region on the lead)"));
    }

    /**
     * The pack's rows for the candidate states that the rule governs, in state order (the order
     * {@link PhoneFacts} keeps them in). Loops rather than streams: five state rules ask this for
     * every call or text, and a batch asks it a million times, where building the stream pipelines
     * was a tenth of a phone row's time.
     */
    static List<StateRule> of(StateRulePack pack, PhoneFacts phone, Predicate<StateRule> governs) {
        List<StateRule> rows = new ArrayList<>(phone.candidateStates().size());
        for (String state : phone.candidateStates()) {
            pack.rule(state).filter(governs).ifPresent(rows::add);
        }
        return Collections.unmodifiableList(rows);
    }

    /** "FL row turned off by configuration: reason", for each row not enforced. */
    static String turnedOff(List<StateRule> rows) {
        StringJoiner off = new StringJoiner("; ");
        for (StateRule r : rows) {
            if (!r.enforced()) {
                off.add(r.state() + " row turned off by configuration: " + r.disabledReason());
            }
        }
        return off.toString();
    }

    /** The rows that are enforced, in order. */
    static List<StateRule> enforced(List<StateRule> rows) {
        List<StateRule> enforced = new ArrayList<>(rows.size());
        for (StateRule r : rows) {
            if (r.enforced()) {
                enforced.add(r);
            }
        }
        return enforced;
    }

    /** "FL: citation; GA: citation", each once. */
    static String citations(List<StateRule> rows) {
        Set<String> cited = new LinkedHashSet<>();
        for (StateRule r : rows) {
            cited.add(r.state() + ": " + r.citation());
        }
        return String.join("; ", cited);
    }

    static List<String> sorted(Collection<String> states) {
        String[] ordered = states.toArray(new String[0]);
        Arrays.sort(ordered);
        return Collections.unmodifiableList(Arrays.asList(ordered));
    }
}
