package dev.outreach.report;

/**
 * What the large mailbox providers tolerate in complaints (spam reports) about a sender's mail.
 * Provider guidance, not law; kept here with its source so the report, its CSV and the console
 * chart draw the same lines (reference, section B).
 */
public final class ComplaintRateGuidance {

    /** The Gmail/Yahoo bulk-sender limit: a complaint rate that must never be reached (0.3 %). */
    public static final double LIMIT = 0.003;

    /** Google's guidance: keep the complaint rate below 0.1 %; above it the report warns. */
    public static final double WARNING = 0.001;

    public static final String CITATION = "Google email sender guidelines FAQ: keep the spam rate below 0.1 %, "
            + "never reach 0.3 % (Gmail and Yahoo bulk-sender requirements, 2024)";

    private ComplaintRateGuidance() {
    }

    /** Above 0.1 %, computed on the counts (not the rounded rate), so 1 complaint in 1,000 is not above. */
    static boolean aboveWarning(long complaints, long delivered) {
        return delivered > 0 && complaints * 1000 > delivered;
    }

    /** At or above 0.3 %. */
    static boolean atLimit(long complaints, long delivered) {
        return delivered > 0 && complaints * 1000 >= delivered * 3;
    }
}
