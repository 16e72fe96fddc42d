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
 */
public record Attempt(Channel channel, Purpose purpose, String recipient, String leadId, String template,
                      Dialer dialer, Instant at, boolean dryRun) {

    public Attempt {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(recipient, "recipient");
    }

    public static Attempt email(String recipient, Purpose purpose, String leadId, String template) {
        return new Attempt(Channel.EMAIL, purpose, recipient, leadId, template, null, null, false);
    }

    public Attempt at(Instant instant) {
        return new Attempt(channel, purpose, recipient, leadId, template, dialer, instant, dryRun);
    }

    public Attempt asDryRun() {
        return new Attempt(channel, purpose, recipient, leadId, template, dialer, at, true);
    }
}
