package dev.outreach.policy;

/**
 * One reason the recipient is on a suppression list.
 *
 * @param reason why; {@link SuppressionReason#LIST} for an entry in a file under {@code suppression-lists/}
 * @param source where it came from: a list name such as {@code email/unsubscribes.txt}, or the
 *               runtime entry's source
 * @param matchedBy ADDRESS, DOMAIN or HASH: how the recipient matched
 */
public record SuppressionHit(SuppressionReason reason, String source, String matchedBy) {
}
