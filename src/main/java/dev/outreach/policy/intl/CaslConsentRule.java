package dev.outreach.policy.intl;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Facts;
import dev.outreach.policy.RelationshipFact;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code casl.consent}: a commercial electronic message (email, text) to a recipient in Canada needs
 * express or implied consent (S.C. 2010, c. 23, s 6, s 10). Express consent has no expiry; implied
 * consent comes from an existing business relationship for 2 years after a purchase or contract and 6
 * months after an inquiry (s 10(9)-(10)); an unsubscribe ends both at once (s 11). Any signal pointing
 * to Canada is enough; with none determined the rule applies (fail closed).
 */
public final class CaslConsentRule implements Rule {

    public static final String ID = "casl.consent";
    static final String CITATION = "S.C. 2010, c. 23, ss 6, 10, 11";
    static final String LAW = "CASL";
    static final Period PURCHASE_WINDOW = Period.ofYears(2);
    static final Period INQUIRY_WINDOW = Period.ofMonths(6);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        Optional<RuleResult> out = ElectronicMessages.outOfScope(ID, "CA", LAW, attempt, facts);
        if (out.isPresent()) {
            return out.get();
        }
        String who = ElectronicMessages.who("CA", LAW, facts);
        Optional<ConsentFact> express = ElectronicMessages.expressConsent(attempt, facts, now);
        if (express.isPresent()) {
            return RuleResult.pass(ID, ElectronicMessages.consentPass(express.get()) + " (no expiry); " + who,
                    CITATION);
        }
        Optional<String> implied = impliedConsent(attempt, facts, now);
        if (implied.isPresent()) {
            return RuleResult.pass(ID, implied.get() + "; " + who, CITATION);
        }
        return RuleResult.block(ID, ElectronicMessages.what(attempt) + " needs express or implied consent; "
                + ElectronicMessages.noExpressConsent(attempt, facts) + "; " + noImplied(attempt, facts, now) + "; "
                + who, CITATION);
    }

    private static Optional<String> impliedConsent(Attempt attempt, Facts facts, Instant now) {
        if (ElectronicMessages.optedOut(attempt, facts)) {
            return Optional.empty();
        }
        Instant withdrawn = ElectronicMessages.withdrawnAt(attempt, facts);
        return ElectronicMessages.relationships(attempt, facts).stream()
                .filter(r -> withdrawn == null || r.at().isAfter(withdrawn))
                .filter(r -> !r.at().isAfter(now) && now.isBefore(end(r)))
                .max(Comparator.comparing(CaslConsentRule::end))
                .map(r -> "implied consent: " + r.kind().toLowerCase() + " on " + ElectronicMessages.date(r.at())
                        + ", valid until " + ElectronicMessages.date(end(r)) + " (" + window(r) + ")");
    }

    private static String noImplied(Attempt attempt, Facts facts, Instant now) {
        if (ElectronicMessages.optedOut(attempt, facts)) {
            return "no implied consent after an unsubscribe";
        }
        List<RelationshipFact> rel = ElectronicMessages.relationships(attempt, facts);
        if (rel.isEmpty()) {
            return "no implied consent: no purchase or inquiry on record";
        }
        return "no implied consent: " + rel.stream().map(r -> r.kind().toLowerCase() + " on "
                + ElectronicMessages.date(r.at()) + " (" + window(r) + ", "
                + (now.isBefore(end(r)) ? "withdrawn by a later do-not-call request" : "ended "
                + ElectronicMessages.date(end(r))) + ")").toList();
    }

    private static Instant end(RelationshipFact r) {
        Period p = "PURCHASE".equals(r.kind()) ? PURCHASE_WINDOW : INQUIRY_WINDOW;
        return r.at().atZone(ZoneOffset.UTC).plus(p).toInstant();
    }

    private static String window(RelationshipFact r) {
        return "PURCHASE".equals(r.kind()) ? "2 years after a purchase or contract" : "6 months after an inquiry";
    }
}
