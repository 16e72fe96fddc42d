package dev.outreach.scrub;

import dev.outreach.policy.Channel;
import dev.outreach.policy.Purpose;

import java.time.Instant;

/**
 * What every line of a batch inherits unless it says otherwise (the query parameters of
 * {@code POST /api/v1/checks/batch}, the options of {@code scrub}).
 *
 * @param at the instant rows without their own {@code at} are judged at: fixed for the whole batch,
 *           so its result can be reproduced and a long batch does not drift across calling hours
 */
public record BatchDefaults(Channel channel, Purpose purpose, String template, Instant at) {
}
