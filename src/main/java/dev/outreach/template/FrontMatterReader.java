package dev.outreach.template;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.outreach.lead.Stage;
import dev.outreach.policy.Purpose;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses and validates a template's YAML front matter. Every problem is reported, with the line of
 * the offending key where it can be found, so one lint run shows everything to fix.
 */
final class FrontMatterReader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final List<String> KEYS =
            List.of("name", "stage", "purpose", "subject", "fields", "required", "followUpWithin", "description",
                    "category");
    /** Email templates are one or the other (15 USC 7702); the call and text purposes do not apply. */
    private static final Purpose[] EMAIL_PURPOSES = {Purpose.COMMERCIAL, Purpose.TRANSACTIONAL};

    /** The front matter as written; every value still unchecked. */
    private record Written(String name, String stage, String purpose, String subject, List<String> fields,
                           List<String> required, String followUpWithin, String description,
                           String category) {
    }

    private final TemplateSource source;
    private final List<LintProblem> problems;

    private FrontMatterReader(TemplateSource source, List<LintProblem> problems) {
        this.source = source;
        this.problems = problems;
    }

    /** The valid front matter of {@code source}, or empty after adding what is wrong to {@code problems}. */
    static Optional<FrontMatter> read(TemplateSource source, List<LintProblem> problems) {
        return new FrontMatterReader(source, problems).read();
    }

    private Optional<FrontMatter> read() {
        if (source.frontMatter() == null) {
            problem(1, "no front matter: the file must start with a '---' line, the YAML keys ("
                    + String.join(", ", KEYS) + ") and a closing '---' line");
            return Optional.empty();
        }
        int before = problems.size();
        Optional<FrontMatter> frontMatter = parse().map(this::validate);
        return problems.size() > before ? Optional.empty() : frontMatter;
    }

    private Optional<Written> parse() {
        JsonNode tree;
        try {
            tree = YAML.readTree(source.frontMatter());
        } catch (JsonProcessingException e) {
            problem(yamlLine(e), "front matter is not valid YAML: " + yamlProblem(e.getOriginalMessage()));
            return Optional.empty();
        }
        if (tree == null || !tree.isObject()) {
            problem(1, "front matter must be YAML keys and values, such as 'stage: PRESENTATION'");
            return Optional.empty();
        }
        ObjectNode known = ((ObjectNode) tree).deepCopy();
        tree.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                problemAt(key, "unknown key '" + key + "'; known keys: " + String.join(", ", KEYS));
                known.remove(key);
            }
        });
        try {
            return Optional.of(YAML.treeToValue(known, Written.class));
        } catch (MismatchedInputException e) {
            String key = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
            problemAt(key, (key == null ? "front matter" : "'" + key + "'")
                    + " has the wrong shape: lists are written [a, b], other keys take one value");
        } catch (JsonProcessingException e) {
            problem(1, "front matter cannot be read: " + e.getOriginalMessage());
        }
        return Optional.empty();
    }

    /** The front matter with every problem in it reported; the result is used only if there were none. */
    private FrontMatter validate(Written w) {
        String name = name(w.name());
        Stage stage = oneOf("stage", w.stage(), Stage.values());
        Purpose purpose = oneOf("purpose", w.purpose(), EMAIL_PURPOSES);
        String subject = subject(w.subject());
        List<String> fields = fields(w.fields());
        List<String> required = required(w.required(), fields);
        Duration followUpWithin = followUpWithin(w.followUpWithin());
        return new FrontMatter(name, stage, purpose, subject, fields, required, followUpWithin,
                w.description() == null ? "" : w.description().strip(), category(w.category()));
    }

    private String name(String name) {
        if (isBlank(name)) {
            problemAt("name", "'name' is required");
        } else if (!name.equals(source.baseName())) {
            problemAt("name", "'name' is '" + name + "' but the file is '" + source.file()
                    + "'; the name must be the file name without .ftl");
        } else if (!NAME.matcher(name).matches()) {
            problemAt("name", "'name' must be lower-case words joined by hyphens, like presentation-summary");
        }
        return name;
    }

    private String subject(String subject) {
        if (isBlank(subject)) {
            problemAt("subject", "'subject' is required");
            return subject;
        }
        return subject.strip();
    }

    private List<String> fields(List<String> written) {
        List<String> fields = written == null ? List.of() : written;
        Set<String> seen = new HashSet<>();
        for (String field : fields) {
            if (field == null || !FIELD.matcher(field).matches()) {
                problemAt("fields", "field '" + field + "' is not a valid name: a letter, then letters, digits or _");
            } else if (SystemVariables.NAMES.contains(field)) {
                problemAt("fields", "'" + field + "' is a system variable, always provided; do not declare it");
            } else if (!seen.add(field)) {
                problemAt("fields", "field '" + field + "' is declared twice");
            }
        }
        return fields;
    }

    private List<String> required(List<String> written, List<String> fields) {
        List<String> required = written == null ? List.of() : written;
        for (String field : required) {
            if (!fields.contains(field)) {
                problemAt("required", "required field '" + field + "' is not in 'fields'");
            }
        }
        return required;
    }

    /** Optional: the preference-centre category a recipient may opt down from, a lower-case word or words. */
    private String category(String written) {
        if (written == null) {
            return null;
        }
        if (!NAME.matcher(written).matches()) {
            problemAt("category", "'category' must be lower-case words joined by hyphens, like product-news");
        }
        return written;
    }

    private Duration followUpWithin(String written) {
        if (written == null) {
            return null;
        }
        try {
            Duration duration = Duration.parse(written.strip());
            if (duration.isNegative() || duration.isZero()) {
                problemAt("followUpWithin", "'followUpWithin' must be a positive duration");
            }
            return duration;
        } catch (DateTimeParseException e) {
            problemAt("followUpWithin", "'followUpWithin' is '" + written
                    + "'; expected an ISO-8601 duration such as PT24H or P2D");
            return null;
        }
    }

    private <E extends Enum<E>> E oneOf(String key, String written, E[] allowed) {
        String expected = Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(", "));
        if (isBlank(written)) {
            problemAt(key, "'" + key + "' is required; one of " + expected);
            return null;
        }
        for (E value : allowed) {
            if (value.name().equals(written.strip())) {
                return value;
            }
        }
        problemAt(key, "'" + key + "' is '" + written + "'; expected one of " + expected);
        return null;
    }

    /** The YAML parser's message without the source excerpt and caret lines it quotes. */
    private static String yamlProblem(String message) {
        return message.lines()
                .filter(line -> !line.isBlank() && !line.startsWith(" in ") && !line.startsWith("    "))
                .map(String::strip)
                .collect(Collectors.joining("; "));
    }

    private int yamlLine(JsonProcessingException e) {
        return e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
    }

    /** A problem at a line counted within the YAML. */
    private void problem(int yamlLine, String message) {
        problems.add(LintProblem.error(source.file(), source.frontMatterLine() + yamlLine - 1, message));
    }

    private void problemAt(String key, String message) {
        Integer line = key == null ? null : source.lineOf(key);
        problems.add(LintProblem.error(source.file(), line != null ? line : source.frontMatterLine(), message));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
