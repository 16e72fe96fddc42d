package dev.outreach.template;

import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.core.StopException;
import freemarker.template.TemplateException;

/**
 * A FreeMarker failure restated as "file, line, what went wrong", with lines counted in the template
 * file (the subject is reported at its front matter line), and without FreeMarker's stack of tips.
 */
final class RenderFailure extends Exception {

    private final String file;
    private final Integer line;
    private final String detail;
    private final boolean missingValue;

    private RenderFailure(String file, Integer line, String detail, boolean missingValue, Exception cause) {
        super(file + (line == null ? "" : ":" + line) + ": " + detail, cause);
        this.file = file;
        this.line = line;
        this.detail = detail;
        this.missingValue = missingValue;
    }

    static RenderFailure of(Exception e, TemplateSource source, MessagePart part, FreemarkerSandbox sandbox) {
        ParseException parse = parseCause(e);
        boolean missing = e instanceof InvalidReferenceException;
        String detail = parse != null ? firstParagraph(parse.getEditorMessage()) : detail(e);
        if (part == MessagePart.SUBJECT) {
            return new RenderFailure(source.file(), source.lineOf("subject"), "subject: " + detail, missing, e);
        }
        String where = parse != null ? parse.getTemplateName() : templateOf(e);
        if (where != null && sandbox.isFile(where)) {
            Integer line = parse != null ? Integer.valueOf(parse.getLineNumber()) : lineOf(e);
            return new RenderFailure(where, line, detail, missing, e);
        }
        return new RenderFailure(source.file(), null, part.label() + ": " + detail, missing, e);
    }

    private static ParseException parseCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ParseException parse) {
                return parse;
            }
        }
        return null;
    }

    private static String detail(Exception e) {
        if (e instanceof InvalidReferenceException missing && missing.getBlamedExpressionString() != null) {
            return "'" + missing.getBlamedExpressionString() + "' is missing or null; an optional field needs a"
                    + " default (${field!}) or a check (<#if field?has_content>)";
        }
        if (e instanceof TemplateException te && String.valueOf(te.getMessage()).contains("api_builtin_enabled")) {
            return "?api is not allowed: templates see plain values only";
        }
        if (e instanceof StopException) {
            return firstParagraph(e.getMessage()).replaceFirst("^Stopped with message: ", "");
        }
        if (e instanceof TemplateException te) {
            return firstParagraph(te.getMessageWithoutStackTop());
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * FreeMarker appends tips after a "----" line, the parser a list of expected tokens, and both add
     * locations in brackets; what comes first is the news.
     */
    private static String firstParagraph(String message) {
        String head = message == null ? "" : message.split("\n-{4,}|\nWas expecting", 2)[0];
        return head.replaceAll("\\s*\\[in template [^]]*]", "").replaceAll("\\s+", " ").strip();
    }

    private static String templateOf(Exception e) {
        return e instanceof TemplateException te ? te.getTemplateSourceName() : null;
    }

    private static Integer lineOf(Exception e) {
        return e instanceof TemplateException te ? te.getLineNumber() : null;
    }

    String file() {
        return file;
    }

    Integer line() {
        return line;
    }

    String detail() {
        return detail;
    }

    /** True when a variable was missing or null, which for an undeclared name lint reports as such. */
    boolean missingValue() {
        return missingValue;
    }
}
