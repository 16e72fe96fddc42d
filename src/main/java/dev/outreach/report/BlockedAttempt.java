package dev.outreach.report;

import dev.outreach.policy.Channel;

import java.time.Instant;
import java.util.List;

/**
 * The last blocked attempt at a follow-up that is still owed: which rules blocked it and when it
 * can go ({@code nextAllowedAt} from its decision's audit entry; null when the block is not
 * time-based, e.g. a suppression or missing consent, and lifts only when its cause does).
 */
public record BlockedAttempt(Instant at, Channel channel, String template, List<String> rules, Instant nextAllowedAt,
                             String auditId) {

    public BlockedAttempt {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
