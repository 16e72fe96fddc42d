package dev.outreach.template;

/**
 * The text of a template file for tests, valid unless a test changes one part. The body lines are
 * at known file lines: the html body starts at line {@value #HTML_LINE}, the text body at
 * {@value #TEXT_LINE} when the html body is one line.
 */
record TemplateText(String name, String stage, String purpose, String subject, String fields, String required,
                    String html, String text) {

    static final int HTML_LINE = 10;
    static final int TEXT_LINE = 13;

    static TemplateText commercial(String name) {
        return new TemplateText(name, "ENGAGEMENT", "COMMERCIAL", "News for ${company}",
                "[firstName, company, note]", "[firstName, company]",
                "<p>Hi ${firstName}, news for ${company}.</p>", "Hi ${firstName}, news for ${company}.");
    }

    TemplateText withPurpose(String value) {
        return new TemplateText(name, stage, value, subject, fields, required, html, text);
    }

    TemplateText withSubject(String value) {
        return new TemplateText(name, stage, purpose, value, fields, required, html, text);
    }

    TemplateText withFields(String declared, String mandatory) {
        return new TemplateText(name, stage, purpose, subject, declared, mandatory, html, text);
    }

    TemplateText withHtml(String value) {
        return new TemplateText(name, stage, purpose, subject, fields, required, value, text);
    }

    TemplateText withText(String value) {
        return new TemplateText(name, stage, purpose, subject, fields, required, html, value);
    }

    /** Both parts. */
    TemplateText withBody(String value) {
        return withHtml(value).withText(value);
    }

    @Override
    public String toString() {
        return "---\n"
                + "name: " + name + "\n"
                + "stage: " + stage + "\n"
                + "purpose: " + purpose + "\n"
                + "subject: \"" + subject + "\"\n"
                + "fields: " + fields + "\n"
                + "required: " + required + "\n"
                + "---\n"
                + "<#macro html>\n"
                + html + "\n"
                + "</#macro>\n"
                + "<#macro text>\n"
                + text + "\n"
                + "</#macro>\n";
    }
}
