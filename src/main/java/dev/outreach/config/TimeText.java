package dev.outreach.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Instants and dates as people type them, read one way for the API, the console and the CLI.
 * A failure is an {@link IllegalArgumentException} whose message says what was expected, for the
 * caller to put after the field's name.
 */
public final class TimeText {

    /** What an instant may look like. */
    public enum Form {
        /** ISO-8601 with an offset: the API and the CLI, where a missing offset is a mistake. */
        WITH_OFFSET("must be an ISO-8601 instant with offset, e.g. 2026-11-27T14:05:00Z"),
        /** Also a date and time without offset (a browser's date-time field sends that) or a date alone, both UTC. */
        OFFSET_OR_UTC("must be a date and time such as 2026-11-27T14:05:00Z (UTC unless an offset is given)"
                + " or a date such as 2026-11-27");

        private final String expected;

        Form(String expected) {
            this.expected = expected;
        }
    }

    private TimeText() {
    }

    /** @throws IllegalArgumentException saying what the form expects */
    public static Instant instant(String raw, Form form) {
        String text = raw == null ? "" : raw.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            if (form == Form.OFFSET_OR_UTC) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                    } catch (DateTimeParseException notDate) {
                        // reported below
                    }
                }
            }
            throw new IllegalArgumentException(form.expected);
        }
    }

    /** A calendar date, {@code 2026-03-01}. @throws IllegalArgumentException saying what is expected */
    public static LocalDate date(String raw) {
        try {
            return LocalDate.parse(raw == null ? "" : raw.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a date like 2026-03-01");
        }
    }
}
