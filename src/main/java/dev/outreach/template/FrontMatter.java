package dev.outreach.template;

import dev.outreach.lead.Stage;
import dev.outreach.policy.Purpose;

import java.time.Duration;
import java.util.List;

/** A template's validated front matter; see {@code templates/README.md} for the format. */
record FrontMatter(String name, Stage stage, Purpose purpose, String subject, List<String> fields,
                   List<String> required, Duration followUpWithin, String description, String category) {

    FrontMatter(String name, Stage stage, Purpose purpose, String subject, List<String> fields,
                List<String> required, Duration followUpWithin, String description) {
        this(name, stage, purpose, subject, fields, required, followUpWithin, description, null);
    }

    FrontMatter {
        fields = List.copyOf(fields);
        required = List.copyOf(required);
    }

    /** The declared fields that are not required, which a caller may leave out. */
    List<String> optional() {
        return fields.stream().filter(field -> !required.contains(field)).toList();
    }
}
