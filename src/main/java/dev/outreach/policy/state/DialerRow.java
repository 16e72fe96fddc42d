package dev.outreach.policy.state;

import java.util.Objects;

/**
 * A fact of a state's row that the gateway cannot decide (how long the phone rings, what the caller
 * says in the first 30 seconds), listed so it is not silently dropped.
 *
 * @param fact the fact as the reference gives it
 * @param enforcedBy who must enforce it: {@code dialer} (the dialing system or the person calling)
 * @param reason why the gateway cannot decide it
 */
public record DialerRow(String fact, String enforcedBy, String reason) {

    public DialerRow {
        Objects.requireNonNull(fact, "fact");
        Objects.requireNonNull(enforcedBy, "enforcedBy");
        Objects.requireNonNull(reason, "reason");
    }
}
