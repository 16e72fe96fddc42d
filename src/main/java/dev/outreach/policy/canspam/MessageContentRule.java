package dev.outreach.policy.canspam;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Facts;
import dev.outreach.policy.MessageFacts;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The content CAN-SPAM requires of a commercial email: a working opt-out, the sender's postal
 * address, identification as an advertisement (unless the recipient opted in), and a subject that
 * does not mislead. A fake reply or forward prefix misleads whatever the purpose; prefixes in other
 * languages and in look-alike characters count too ({@link ThreadPrefix}).
 */
public final class MessageContentRule implements Rule {

    public static final String ID = "canspam.message-content";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RuleResult evaluate(Attempt attempt, Facts facts, Instant now) {
        if (attempt.channel() != Channel.EMAIL) {
            return RuleResult.notApplicable(ID, "not an email");
        }
        MessageFacts m = facts.message();
        if (m == null) {
            return RuleResult.notApplicable(ID, "no message given; content not judged");
        }
        List<String> missing = new ArrayList<>();
        List<String> cites = new ArrayList<>();
        if (m.subject() == null) {
            missing.add("subject fakes a reply or forward (no subject)");
            cites.add("15 USC 7704(a)(2)");
        } else if (ThreadPrefix.fakesReplyOrForward(m.subject())) {
            // the gateway sends no replies or forwards, so every such prefix is fake
            missing.add("subject fakes a reply or forward ('" + ThreadPrefix.found(m.subject()).orElseThrow()
                    + "' reads as Re:/Fwd:)");
            cites.add("15 USC 7704(a)(2)");
        }
        if (attempt.purpose() == Purpose.COMMERCIAL) {
            commercialRequirements(m, facts.emailOptIn(), missing, cites);
        }
        if (missing.isEmpty()) {
            return RuleResult.pass(ID, attempt.purpose() == Purpose.COMMERCIAL
                    ? "opt-out link, postal address and ad identification present; subject not deceptive"
                    : "transactional; subject not deceptive", "15 USC 7704(a)");
        }
        return RuleResult.block(ID, String.join("; ", missing), String.join(", ", cites));
    }

    private static void commercialRequirements(MessageFacts m, boolean optedIn, List<String> missing,
                                               List<String> cites) {
        if (!m.hasOptOutLink()) {
            missing.add("no working opt-out link");
            cites.add("15 USC 7704(a)(3), (a)(5)(A)(ii)");
        }
        if (!m.hasPostalAddress()) {
            missing.add("no sender postal address (is sender.postal-address configured?)");
            cites.add("15 USC 7704(a)(5)(A)(iii)");
        }
        if (!m.hasAdDisclosure() && !optedIn) {
            missing.add("not identified as an advertisement and the recipient has not opted in");
            cites.add("15 USC 7704(a)(5)(A)(i)");
        }
    }
}
