package dev.outreach.lead;

/**
 * What kind of line a lead's number is, as the lead record states it. The national do-not-call
 * registry protects residential subscribers, wireless subscribers included (47 CFR 64.1200(c)(2),
 * (e)); a BUSINESS line is outside the registry but never outside the company's own do-not-call
 * list, consent or calling hours. UNKNOWN is judged as a covered line (fail closed).
 */
public enum LineType {
    BUSINESS, RESIDENTIAL, WIRELESS, UNKNOWN;

    /** Whether the national registry protects a subscriber on this line; UNKNOWN counts as protected. */
    public boolean registryProtected() {
        return this != BUSINESS;
    }
}
