package dev.outreach.policy;

import java.time.Instant;

/** An earlier touch to the same recipient or lead, for frequency caps and duplicate checks. */
public record TouchFact(Instant at, Channel channel, String template, Purpose purpose, boolean allowed) {
}
