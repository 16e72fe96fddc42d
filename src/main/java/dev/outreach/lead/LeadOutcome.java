package dev.outreach.lead;

/** Terminal outcome of a lead, tracked beside its stage. WON is recorded when a sale completes. */
public enum LeadOutcome { WON, LOST }
