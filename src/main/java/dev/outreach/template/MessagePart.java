package dev.outreach.template;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.OutputFormat;
import freemarker.core.PlainTextOutputFormat;

import java.util.Locale;

/** The three things rendered from a template, each with the output format FreeMarker applies. */
enum MessagePart {
    SUBJECT(PlainTextOutputFormat.INSTANCE),
    /** Auto-escaped: a field value can never become markup. */
    HTML(HTMLOutputFormat.INSTANCE),
    TEXT(PlainTextOutputFormat.INSTANCE);

    private final OutputFormat outputFormat;

    MessagePart(OutputFormat outputFormat) {
        this.outputFormat = outputFormat;
    }

    OutputFormat outputFormat() {
        return outputFormat;
    }

    /** The macro a template defines for this part: {@code html} or {@code text}. */
    String macro() {
        return name().toLowerCase(Locale.ROOT);
    }

    String label() {
        return this == SUBJECT ? "subject" : macro() + " part";
    }
}
