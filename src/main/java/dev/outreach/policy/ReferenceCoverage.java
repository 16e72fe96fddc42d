package dev.outreach.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How every row of the regulatory reference is enforced, and what each rule cannot know
 * ({@code policy/reference-coverage.yaml}, read by {@code dev.outreach.config.ReferenceCoverageReader}).
 *
 * @param version the file's own version
 * @param rules every rule id with its citation, confidence and what it cannot know
 * @param rows every reference row outside the state table, with the rules that enforce it or a mark
 */
public record ReferenceCoverage(String version, List<RuleNote> rules, List<Row> rows) {

    public ReferenceCoverage {
        Objects.requireNonNull(version, "version");
        rules = List.copyOf(rules);
        rows = List.copyOf(rows);
    }

    /** One rule as documented. */
    public record RuleNote(String id, String citation, String confidence, String cannotKnow) {
    }

    /**
     * One reference row: enforced by {@code rules}, or by {@code enforcedBy} (dialer, mail, audit,
     * operator, none) for {@code reason}.
     */
    public record Row(String table, String fact, List<String> rules, String enforcedBy, String reason) {
        public Row {
            rules = rules == null ? List.of() : List.copyOf(rules);
            if (rules.isEmpty() && (enforcedBy == null || reason == null)) {
                throw new IllegalArgumentException(table + " " + fact + ": neither rules nor enforcedBy with a reason");
            }
        }
    }

    public Optional<Row> row(String table, String fact) {
        return rows.stream().filter(r -> r.table().equals(table) && r.fact().equalsIgnoreCase(fact)).findFirst();
    }

    public Optional<RuleNote> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
