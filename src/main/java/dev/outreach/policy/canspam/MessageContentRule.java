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
import java.util.regex.Pattern;

/**
 * The content CAN-SPAM requires of a commercial email: a working opt-out, the sender's postal
 * address, identification as an advertisement (unless the recipient opted in), and a subject that
 * does not mislead. A fake reply or forward prefix misleads whatever the purpose.
 */
public final class MessageContentRule implements Rule {

    public static final String ID = "canspam.message-content";
    /** "Re:", "FW:", "Fwd:", "Re[2]:" at the start of a subject; template lint uses the same pattern. */
    public static final Pattern FAKE_THREAD_PREFIX = Pattern.compile("^\\s*(re|fw|fwd)\\s*(\\[\\d+\\])?\\s*:",
            Pattern.CASE_INSENSITIVE);

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
        if (m.subject() == null || FAKE_THREAD_PREFIX.matcher(m.subject()).find()) {
            missing.add("subject fakes a reply or forward");
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
