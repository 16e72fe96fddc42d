package dev.outreach.store;

public enum OutboxStatus { QUEUED, SENT, RETRYING, FAILED, BOUNCED }
