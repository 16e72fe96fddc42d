package dev.outreach.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A do-not-call request or consent revocation for a number, with the message type it named.
 *
 * @param channel the channel (robocalls or robotexts) the person revoked; null when the request
 *                named none or its scope cannot be shown, which covers every channel (fail closed)
 */
public record RevocationFact(Instant at, Channel channel) {

    public RevocationFact {
        Objects.requireNonNull(at, "at");
    }

    /** Whether the revocation, read as covering only the type revoked, covers this channel. */
    public boolean covers(Channel c) {
        return channel == null || channel == c;
    }
}
