package dev.outreach.gateway;

import dev.outreach.policy.Channel;

/**
 * A normalised recipient and its keyed pseudonym.
 *
 * @param address lower-case ASCII email address, or E.164 number
 * @param key the pseudonym used in the audit log, touches and runtime suppressions
 */
public record Recipient(Channel channel, String address, String key) {
}
