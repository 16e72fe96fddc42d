package dev.outreach.policy;

/**
 * Why a touch is made. Email templates are COMMERCIAL or TRANSACTIONAL (CAN-SPAM, 15 USC 7702);
 * calls are TELEMARKETING or INFORMATIONAL; texts are MARKETING or INFORMATIONAL.
 */
public enum Purpose {
    COMMERCIAL, TRANSACTIONAL, TELEMARKETING, MARKETING, INFORMATIONAL;

    /** True when the touch advertises or promotes, which is what most opt-out rules govern. */
    public boolean isMarketing() {
        return this == COMMERCIAL || this == TELEMARKETING || this == MARKETING;
    }
}
