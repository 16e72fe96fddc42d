package dev.outreach.web.console;

import dev.outreach.lead.Lead;
import dev.outreach.lead.Stage;
import dev.outreach.report.FollowUp;
import dev.outreach.report.FollowUpStatus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Filtering, sorting and keyset paging of the follow-up queue. The queue is derived (from leads
 * and touches), not stored, so it is computed whole and then paged: the cursor is the sort key and
 * lead id of the last row shown, not an offset, so a page continues exactly after the row the
 * viewer saw even when follow-ups are added or done meanwhile.
 */
final class FollowUpListing {

    /** A follow-up and its lead (null when the lead vanished between the two reads). */
    record Row(FollowUp followUp, Lead lead) {

        String name() {
            if (lead == null) {
                return "";
            }
            return (text(lead.firstName()) + " " + text(lead.lastName())).strip();
        }
    }

    /** Filters; null or blank means any. {@code query} matches name, email, company or lead id, ignoring case. */
    record Filter(Stage stage, FollowUpStatus status, String owner, String template, String query) {

        boolean matches(Row r) {
            FollowUp f = r.followUp();
            return (stage == null || f.stage() == stage)
                    && (status == null || f.status() == status)
                    && (blank(owner) || owner.equals(f.owner()))
                    && (blank(template) || template.equals(f.template()))
                    && (blank(query) || contains(r, query.strip().toLowerCase(Locale.ROOT)));
        }

        private static boolean contains(Row r, String q) {
            Lead l = r.lead();
            return r.name().toLowerCase(Locale.ROOT).contains(q)
                    || r.followUp().leadId().toLowerCase(Locale.ROOT).contains(q)
                    || l != null && (text(l.email()).toLowerCase(Locale.ROOT).contains(q)
                    || text(l.company()).toLowerCase(Locale.ROOT).contains(q));
        }
    }

    /** The columns the queue sorts by; DEADLINE is the default (earliest first). */
    enum Sort {
        DEADLINE(r -> String.format("%020d", r.followUp().deadline().toEpochMilli())),
        NAME(r -> r.name().toLowerCase(Locale.ROOT)),
        COMPANY(r -> r.lead() == null ? "" : text(r.lead().company()).toLowerCase(Locale.ROOT)),
        STAGE(r -> String.format("%02d", r.followUp().stage().ordinal())),
        STATUS(r -> r.followUp().status().name()),
        OWNER(r -> text(r.followUp().owner()).toLowerCase(Locale.ROOT)),
        TEMPLATE(r -> text(r.followUp().template()));

        private final Function<Row, String> key;

        Sort(Function<Row, String> key) {
            this.key = key;
        }

        String key(Row r) {
            return key.apply(r);
        }

        static Optional<Sort> of(String name) {
            if (name == null || name.isBlank()) {
                return Optional.of(DEADLINE);
            }
            try {
                return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * @param rows       the page's rows
     * @param matching   how many follow-ups match the filters
     * @param nextCursor the cursor of the next page, empty on the last
     */
    record Page(List<Row> rows, int matching, String nextCursor) {
    }

    private FollowUpListing() {
    }

    /**
     * @param cursor from {@link Page#nextCursor}, or empty for the first page
     * @throws IllegalArgumentException when the cursor is not one this listing made
     */
    static Page page(List<Row> all, Filter filter, Sort sort, boolean descending, String cursor, int size) {
        Comparator<Key> order = Comparator.comparing(Key::sortKey).thenComparing(Key::leadId);
        if (descending) {
            order = order.reversed();
        }
        Key after = cursor == null || cursor.isBlank() ? null : Key.decode(cursor);
        List<Row> matching = all.stream().filter(filter::matches).toList();
        Comparator<Key> keyOrder = order;
        List<Row> sorted = matching.stream()
                .sorted(Comparator.comparing(r -> Key.of(sort, r), keyOrder))
                .filter(r -> after == null || keyOrder.compare(Key.of(sort, r), after) > 0)
                .toList();
        List<Row> rows = sorted.subList(0, Math.min(size, sorted.size()));
        String next = sorted.size() > size ? Key.of(sort, rows.get(rows.size() - 1)).encode() : "";
        return new Page(rows, matching.size(), next);
    }

    /** A row's place in the order: its sort key, then its lead id (unique), so the order is total. */
    record Key(String sortKey, String leadId) {

        static Key of(Sort sort, Row r) {
            return new Key(sort.key(r), r.followUp().leadId());
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((sortKey + "\u0000" + leadId).getBytes(StandardCharsets.UTF_8));
        }

        static Key decode(String cursor) {
            String raw;
            try {
                raw = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the page position is not one this console made");
            }
            int split = raw.indexOf('\u0000');
            if (split < 0) {
                throw new IllegalArgumentException("the page position is not one this console made");
            }
            return new Key(raw.substring(0, split), raw.substring(split + 1));
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
