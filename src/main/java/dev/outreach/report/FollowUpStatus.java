package dev.outreach.report;

/** DUE: owed, deadline not yet passed. OVERDUE: owed and the deadline has passed. */
public enum FollowUpStatus { DUE, OVERDUE }
