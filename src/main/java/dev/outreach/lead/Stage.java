package dev.outreach.lead;

/** The seven stages of the sales SOP, in order. */
public enum Stage {
    LEAD_GENERATION, LEAD_QUALIFICATION, ENGAGEMENT, PRESENTATION, NEGOTIATION, CLOSING, POST_SALE;

    /** The stage after this one, or null for POST_SALE. */
    public Stage next() {
        Stage[] all = values();
        return ordinal() + 1 < all.length ? all[ordinal() + 1] : null;
    }
}
