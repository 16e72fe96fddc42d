package dev.outreach.policy;

/** How a call is placed; TCPA consent requirements depend on it (47 USC 227(b)). */
public enum Dialer { MANUAL, AUTODIALED, PRERECORDED }
