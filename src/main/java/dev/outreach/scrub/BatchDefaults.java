package dev.outreach.scrub;

import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Purpose;

import java.time.Instant;

/**
 * What every line of a batch inherits unless it says otherwise (the query parameters of
 * {@code POST /api/v1/checks/batch}, the options of {@code scrub}).
 *
 * @param at     the instant rows without their own {@code at} are judged at: fixed for the whole batch,
 *               so its result can be reproduced and a long batch does not drift across calling hours
 * @param dialer how the calls of the batch will be placed, for call rows that do not say; null when
 *               not stated, which the consent rule treats as autodialed (texts and emails ignore it)
 */
public record BatchDefaults(Channel channel, Purpose purpose, String template, Instant at, Dialer dialer) {
}
