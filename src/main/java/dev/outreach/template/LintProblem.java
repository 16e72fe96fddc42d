package dev.outreach.template;

import java.util.Objects;

/**
 * One thing wrong with a file in the templates folder.
 *
 * <p>{@link #toString()} reads like a compiler message, {@code presentation-summary.ftl:12: message},
 * so the {@code templates lint} command can print problems as they are.
 *
 * @param file     path relative to the templates folder ({@code presentation-summary.ftl},
 *                 {@code _shared/footer.ftl})
 * @param line     1-based line in that file, or {@code null} when the problem has no single line
 * @param message  what is wrong and, where it helps, what is expected
 * @param severity ERROR stops the template from rendering; WARNING does not
 */
public record LintProblem(String file, Integer line, String message, Severity severity) {

    /** How bad a problem is. */
    public enum Severity {
        /** The template must not be sent: it is refused at render time. */
        ERROR,
        /** Worth a look; the template still renders. */
        WARNING
    }

    public LintProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    static LintProblem error(String file, Integer line, String message) {
        return new LintProblem(file, line, message, Severity.ERROR);
    }

    static LintProblem warning(String file, Integer line, String message) {
        return new LintProblem(file, line, message, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        String where = line == null ? file : file + ":" + line;
        return where + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
