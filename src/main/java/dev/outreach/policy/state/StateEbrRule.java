package dev.outreach.policy.state;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Facts;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.RelationshipFact;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code state.ebr}: a state whose established business relationship is narrower than the federal
 * one (Utah: 18 months after a purchase, no inquiry window; reference D and trap 4). The federal
 * rule {@code tcpa.national-dnc} lets a relationship exempt a registered number; for a recipient who
 * may be in such a state, a relationship the state does not recognise exempts nothing, so the touch
 * is blocked when the number is on the registry (or no registry data is loaded), no written consent
 * is in force, and only such a relationship would have exempted it.
 */
public final class StateEbrRule implements Rule {

    public static final String ID = "state.ebr";
    static final int FEDERAL_PURCHASE_MONTHS = 18;
    static final int FEDERAL_INQUIRY_MONTHS = 3;
    private static final String WRITTEN = "TCPA_WRITTEN";

    private final StateRulePack pack;

    public StateEbrRule(StateRulePack pack) {
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
        List<StateRule> rows = StateRows.of(pack, phone, r -> r.ebr() != null);
        List<StateRule> enforced = rows.stream().filter(StateRule::enforced).toList();
        if (enforced.isEmpty()) {
            String off = StateRows.turnedOff(rows);
            return RuleResult.notApplicable(ID, off.isEmpty() ? "no state narrows the federal EBR for "
                    + StateRows.sorted(phone.candidateStates()) : off);
        }
        if (phone.registryAsOf() != null && !phone.onNationalRegistry()) {
            return RuleResult.notApplicable(ID, "not on the national registry: no exemption needed");
        }
        boolean written = phone.consents().stream()
                .anyMatch(c -> c.kind().equals(WRITTEN) && c.channel() == attempt.channel() && c.activeAt(now)
                        && (phone.lastDncRequestAt() == null || c.capturedAt().isAfter(phone.lastDncRequestAt())));
        if (written) {
            return RuleResult.notApplicable(ID, "TCPA_WRITTEN consent in force: no EBR exemption needed");
        }
        List<RelationshipFact> live = phone.relationships().stream()
                .filter(r -> r.at() != null && !r.at().isAfter(now))
                .filter(r -> phone.lastDncRequestAt() == null || r.at().isAfter(phone.lastDncRequestAt())).toList();
        if (live.stream().noneMatch(r -> within(r, FEDERAL_PURCHASE_MONTHS, FEDERAL_INQUIRY_MONTHS, now))) {
            return RuleResult.notApplicable(ID, "no relationship claimed as an exemption (tcpa.national-dnc judges "
                    + "the registry)");
        }
        List<StateRule> narrower = enforced.stream()
                .filter(row -> live.stream().noneMatch(r -> within(r, row.ebr().purchaseMonths(),
                        row.ebr().inquiryMonths(), now)))
                .toList();
        String what = attempt.channel() == Channel.SMS ? "text" : "call";
        if (narrower.isEmpty()) {
            return RuleResult.pass(ID, "the relationship " + describe(live) + " is within "
                    + String.join("; ", enforced.stream().map(r -> r.state() + " " + r.ebr()).toList()),
                    StateRows.citations(enforced));
        }
        return RuleResult.block(ID, "number on the national registry (or no registry data loaded) and the "
                + "relationship " + describe(live) + " exempts this " + what + " only under the federal windows; "
                + String.join("; ", narrower.stream().map(r -> r.label() + " recognises " + r.ebr()).toList()),
                StateRows.citations(narrower));
    }

    private static boolean within(RelationshipFact r, int purchaseMonths, int inquiryMonths, Instant now) {
        int months = "PURCHASE".equals(r.kind()) ? purchaseMonths : "INQUIRY".equals(r.kind()) ? inquiryMonths : 0;
        return months > 0 && now.isBefore(r.at().atZone(ZoneOffset.UTC).plusMonths(months).toInstant());
    }

    private static String describe(List<RelationshipFact> rel) {
        return String.join(", ", rel.stream().map(r -> r.kind().toLowerCase() + " on "
                + LocalDate.ofInstant(r.at(), ZoneOffset.UTC)).toList());
    }
}
