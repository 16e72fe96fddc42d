package dev.outreach.lead;

import java.time.Instant;

/** One move of a lead between stages (from is null for the lead's creation). */
public record StageTransition(String leadId, Stage from, Stage to, LeadOutcome outcome, Instant at, String actor) {
}
