package dev.outreach.policy;

/** The engine's answer for a whole attempt. */
public enum Verdict { ALLOW, BLOCK }
