package dev.outreach.policy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Why an address or number is suppressed. The rules read these, so what each means is fixed here
 * rather than in strings spread over the rules: CAN-SPAM honours opt-outs, GDPR objections and
 * erasures, the company do-not-call list every request not to be called.
 */
public enum SuppressionReason {
    /** The person unsubscribed (link, List-Unsubscribe, reply, ESP event). */
    UNSUBSCRIBE,
    /** The address bounced permanently, or softly too often. */
    BOUNCE,
    /** The person reported the mail as spam (feedback loop, ESP event). */
    COMPLAINT,
    /** The person asked not to be called or texted (47 CFR 64.1200(d)). */
    DNC_REQUEST,
    /** A GDPR Art. 21 objection to direct marketing. */
    OBJECTION,
    /** A GDPR Art. 17 erasure: the pseudonym is kept so the person is never contacted again. */
    ERASURE,
    /** Added by an operator for another reason. */
    MANUAL,
    /** An entry in a list file under {@code suppression-lists/}; never added at runtime. */
    LIST;

    /** The reasons an entry added at runtime (API, console, feedback) may carry. */
    public static Set<SuppressionReason> runtime() {
        return EnumSet.complementOf(EnumSet.of(LIST));
    }

    /** The runtime reason named by {@code text} (any case), or empty. */
    public static Optional<SuppressionReason> parseRuntime(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.trim().toUpperCase(Locale.ROOT);
        return runtime().stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
