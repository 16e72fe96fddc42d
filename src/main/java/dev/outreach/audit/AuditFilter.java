package dev.outreach.audit;

import dev.outreach.config.TimeText;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Verdict;
import dev.outreach.store.AuditQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The audit log's filters as typed into the API's query, the console's search form or the CLI's
 * options, read into an {@link AuditQuery} in one place. Each mistake is reported under the filter's
 * name; the caller words it for its audience (problem+json, the form, the command line).
 * The recipient is typed plainly and searched by its pseudonym; the log holds nothing else of it.
 */
public final class AuditFilter {

    /** The filters, by the names the API's query parameters use. */
    public static final List<String> FIELDS = List.of("from", "to", "recipient", "leadId", "channel", "decision",
            "rule", "kind", "actor");

    /** One filter that could not be read, and what it must be. */
    public record FieldError(String field, String message) {
    }

    /** The query (no cursor, no limit) when every filter was readable; otherwise the errors, in filter order. */
    public record Parsed(AuditQuery query, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final RecipientPseudonyms pseudonyms;
    private final String defaultPhoneRegion;
    private final TimeText.Form instants;

    /**
     * @param defaultPhoneRegion the region of numbers typed without a country code
     * @param instants           how {@code from} and {@code to} may be written
     */
    public AuditFilter(RecipientPseudonyms pseudonyms, String defaultPhoneRegion, TimeText.Form instants) {
        this.pseudonyms = pseudonyms;
        this.defaultPhoneRegion = defaultPhoneRegion;
        this.instants = instants;
    }

    /** @param typed a filter's text by its name in {@link #FIELDS}; null or blank means not filtered */
    public Parsed parse(Function<String, String> typed) {
        List<FieldError> errors = new ArrayList<>();
        Instant from = instant("from", typed, errors);
        Instant to = instant("to", typed, errors);
        if (from != null && to != null && !to.isAfter(from)) {
            errors.add(new FieldError("to", "must be after from"));
        }
        String subjectKey = null;
        String recipient = text(typed, "recipient");
        if (recipient != null) {
            try {
                subjectKey = pseudonyms.ofTyped(recipient, defaultPhoneRegion);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("recipient", e.getMessage()));
            }
        }
        String channel = upperEnum("channel", typed, Channel.class, errors);
        String decision = upperEnum("decision", typed, Verdict.class, errors);
        AuditQuery query = new AuditQuery(from, to, subjectKey, text(typed, "leadId"), channel, decision,
                text(typed, "rule"), text(typed, "kind"), text(typed, "actor"), 0, 0);
        return new Parsed(query, List.copyOf(errors));
    }

    private Instant instant(String field, Function<String, String> typed, List<FieldError> errors) {
        String raw = text(typed, field);
        if (raw == null) {
            return null;
        }
        try {
            return TimeText.instant(raw, instants);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    private static <E extends Enum<E>> String upperEnum(String field, Function<String, String> typed, Class<E> type,
                                                        List<FieldError> errors) {
        String raw = text(typed, field);
        if (raw == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be " + choices(type)));
            return null;
        }
    }

    /** {@code EMAIL, CALL or SMS}. */
    private static String choices(Class<? extends Enum<?>> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        return names.size() == 1 ? names.get(0) : names.subList(0, names.size() - 1).stream()
                .collect(Collectors.joining(", ")) + " or " + names.get(names.size() - 1);
    }

    private static String text(Function<String, String> typed, String field) {
        String v = typed.apply(field);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
