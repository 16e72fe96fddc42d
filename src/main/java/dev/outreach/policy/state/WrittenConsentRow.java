package dev.outreach.policy.state;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A state's own written-consent requirement for telephone solicitation (reference D): Maryland and
 * Oklahoma for automated calls, Connecticut for every sales call or text.
 *
 * @param covers which touches need it
 * @param since the date the requirement took effect (Maryland: 2024-01-01), or null when always
 */
public record WrittenConsentRow(Covers covers, LocalDate since) {

    /** Which solicitation touches need written consent. */
    public enum Covers {
        /**
         * Calls placed by an autodialer or with a prerecorded voice, calls whose dialer is not stated,
         * and texts (a text is sent by a platform, not dialed by hand).
         */
        AUTOMATED,
        /** Every sales call or text, however placed. */
        EVERY_SALES_TOUCH
    }

    public WrittenConsentRow {
        Objects.requireNonNull(covers, "covers");
    }

    @Override
    public String toString() {
        return (covers == Covers.AUTOMATED ? "written consent for automated calls and texts"
                : "written consent for every sales call or text") + (since == null ? "" : " since " + since);
    }
}
