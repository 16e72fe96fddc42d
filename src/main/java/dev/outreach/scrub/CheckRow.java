package dev.outreach.scrub;

import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Purpose;

import java.time.Instant;

/**
 * One line of a batch: the fields of a single check ({@code POST /api/v1/checks}) after the
 * batch's defaults were applied. Exactly what {@link RowDecider} judges.
 *
 * @param line     1-based line number in the input, named in results and errors
 * @param purpose  may be null for an email with a template (the template declares it)
 * @param at       the instant to judge; never null (a batch is judged at one instant unless a row says otherwise)
 * @param dialer   how a call will be placed; null for texts, emails and calls that do not say (judged as autodialed)
 */
public record CheckRow(long line, Channel channel, String email, String phone, String leadId, Purpose purpose,
                       String template, Instant at, Dialer dialer) {
}
