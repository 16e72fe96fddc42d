package dev.outreach.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A touch someone wants to make, before any decision.
 *
 * @param recipient normalised address (email) or E.164 number (call, SMS)
 * @param leadId the lead, when the touch is to a known lead; null for a bare address
 * @param template template name for emails, null otherwise
 * @param dialer how a call is placed; null for email
 * @param at the instant to judge; null means "now" by the engine's clock
 * @param dryRun a check that sends nothing
 * @param subject what a call or text is about, as the caller states it (state caps "on the same
 *                subject" count per subject when it is given); null when not stated
 */
public record Attempt(Channel channel, Purpose purpose, String recipient, String leadId, String template,
                      Dialer dialer, Instant at, boolean dryRun, String subject) {

    /** An attempt whose subject is not stated. */
    public Attempt(Channel channel, Purpose purpose, String recipient, String leadId, String template,
                   Dialer dialer, Instant at, boolean dryRun) {
        this(channel, purpose, recipient, leadId, template, dialer, at, dryRun, null);
    }

    public Attempt {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(recipient, "recipient");
    }

    public static Attempt email(String recipient, Purpose purpose, String leadId, String template) {
        return new Attempt(Channel.EMAIL, purpose, recipient, leadId, template, null, null, false);
    }

    public Attempt at(Instant instant) {
        return new Attempt(channel, purpose, recipient, leadId, template, dialer, instant, dryRun, subject);
    }

    /** The same attempt about {@code aboutWhat} (null: not stated). */
    public Attempt about(String aboutWhat) {
        return new Attempt(channel, purpose, recipient, leadId, template, dialer, at, dryRun, aboutWhat);
    }

    public Attempt asDryRun() {
        return new Attempt(channel, purpose, recipient, leadId, template, dialer, at, true, subject);
    }
}
