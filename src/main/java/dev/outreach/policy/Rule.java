package dev.outreach.policy;

import java.time.Instant;

/**
 * A single legal or organisational requirement. Implementations are pure: everything they need
 * is in the attempt and the facts, and {@code now} is the instant being judged (which may be in
 * the past for an audit replay or in the future for planning).
 */
public interface Rule {

    /** Stable, dotted, lower-case id, e.g. {@code canspam.suppression}. */
    String id();

    RuleResult evaluate(Attempt attempt, Facts facts, Instant now);
}
