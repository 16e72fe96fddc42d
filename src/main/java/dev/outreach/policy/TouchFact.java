package dev.outreach.policy;

import java.time.Instant;

/**
 * An earlier touch to the same recipient or lead, for frequency caps and duplicate checks.
 *
 * @param dialer how an earlier call was placed; null when not recorded (texts, emails, older calls),
 *               which caps limited to some dialers count as any dialer (fail closed)
 * @param subject what it was about, as the caller stated it; null when not stated, which caps
 *                counted per subject count against every subject (fail closed)
 */
public record TouchFact(Instant at, Channel channel, String template, Purpose purpose, boolean allowed,
                        Dialer dialer, String subject) {

    /** A touch with no recorded dialer or subject. */
    public TouchFact(Instant at, Channel channel, String template, Purpose purpose, boolean allowed) {
        this(at, channel, template, purpose, allowed, null, null);
    }
}
