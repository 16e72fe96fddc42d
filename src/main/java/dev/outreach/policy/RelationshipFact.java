package dev.outreach.policy;

import java.time.Instant;

/**
 * Evidence of an established business relationship (47 CFR 64.1200(f)(5)) derived from the funnel.
 *
 * @param kind PURCHASE (outcome WON or a recorded transaction) or INQUIRY (lead source INQUIRY or
 *             WEB_FORM)
 * @param at when the purchase or inquiry happened
 */
public record RelationshipFact(String kind, Instant at) {
}
