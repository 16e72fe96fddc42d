package dev.outreach.policy;

/** The medium a touch travels over. */
public enum Channel { EMAIL, CALL, SMS }
