package dev.outreach.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.outreach.policy.ReferenceCoverage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads {@code policy/reference-coverage.yaml}; a row or rule missing a field fails the start naming it. */
public final class ReferenceCoverageReader {

    public static final String RESOURCE = "policy/reference-coverage.yaml";
    private static final Set<String> MARKS = Set.of("dialer", "mail", "audit", "operator", "none");

    private ReferenceCoverageReader() {
    }

    public static ReferenceCoverage fromClasspath() {
        try (InputStream in = ReferenceCoverageReader.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ConfigException(RESOURCE + " is not on the classpath");
            }
            return read(new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new ConfigException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    private static ReferenceCoverage read(JsonNode root) {
        List<ReferenceCoverage.RuleNote> rules = new ArrayList<>();
        for (JsonNode n : root.path("rules")) {
            rules.add(new ReferenceCoverage.RuleNote(text(n, "id"), text(n, "citation"), text(n, "confidence"),
                    text(n, "cannotKnow")));
        }
        List<ReferenceCoverage.Row> rows = new ArrayList<>();
        for (JsonNode n : root.path("rows")) {
            List<String> ids = new ArrayList<>();
            n.path("rules").forEach(r -> ids.add(r.asText()));
            String by = n.hasNonNull("enforcedBy") ? n.get("enforcedBy").asText() : null;
            if (by != null && !MARKS.contains(by)) {
                throw new ConfigException(RESOURCE + ": row " + text(n, "fact") + ": enforcedBy must be one of "
                        + MARKS + ", was '" + by + "'");
            }
            try {
                rows.add(new ReferenceCoverage.Row(text(n, "table"), text(n, "fact"), ids, by,
                        n.hasNonNull("reason") ? n.get("reason").asText() : null));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(RESOURCE + ": " + e.getMessage());
            }
        }
        return new ReferenceCoverage(text(root, "version"), rules, rows);
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull() || n.asText().isBlank()) {
            throw new ConfigException(RESOURCE + ": '" + field + "' is required in " + node);
        }
        return n.asText();
    }
}
