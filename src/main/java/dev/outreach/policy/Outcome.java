package dev.outreach.policy;

/** What one rule found for one attempt. */
public enum Outcome { PASS, BLOCK, NOT_APPLICABLE }
