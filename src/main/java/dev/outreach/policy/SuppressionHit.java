package dev.outreach.policy;

/**
 * One reason the recipient is on a suppression list.
 *
 * @param reason UNSUBSCRIBE, BOUNCE, COMPLAINT, DNC_REQUEST, OBJECTION, ERASURE, MANUAL for runtime
 *               entries; LIST for an entry in a file under {@code suppression-lists/}
 * @param source where it came from: a list name such as {@code email/unsubscribes.txt}, or the
 *               runtime entry's source
 * @param matchedBy ADDRESS, DOMAIN or HASH: how the recipient matched
 */
public record SuppressionHit(String reason, String source, String matchedBy) {

    public boolean isReason(String r) {
        return reason.equals(r);
    }
}
