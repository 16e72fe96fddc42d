package dev.outreach.template;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code .ftl} file from the templates folder, split into YAML front matter and FreeMarker body.
 *
 * @param file            path relative to the folder with '/' separators
 * @param frontMatter     the YAML between the two {@code ---} lines, or {@code null} when the file does
 *                        not start with a closed front matter block
 * @param frontMatterLine the file line of the first YAML line
 * @param body            the whole file with the front matter block blanked out line for line, so that
 *                        FreeMarker's line numbers are the file's line numbers
 */
record TemplateSource(String file, String frontMatter, int frontMatterLine, String body) {

    private static final String DELIMITER = "---";
    private static final String EXTENSION = ".ftl";

    /** Splits a file's content; CRLF and CR become LF so every part renders with the same line ends. */
    static TemplateSource split(String file, String content) {
        String normalised = content.replace("\r\n", "\n").replace('\r', '\n');
        if (normalised.startsWith("\uFEFF")) {
            normalised = normalised.substring(1);
        }
        List<String> lines = normalised.lines().toList();
        int closing = closingDelimiter(lines);
        if (closing < 0) {
            return new TemplateSource(file, null, 1, normalised);
        }
        String yaml = String.join("\n", lines.subList(1, closing));
        String blanked = "\n".repeat(closing + 1) + String.join("\n", lines.subList(closing + 1, lines.size()));
        return new TemplateSource(file, yaml, 2, blanked);
    }

    private static int closingDelimiter(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).strip().equals(DELIMITER)) {
            return -1;
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(DELIMITER)) {
                return i;
            }
        }
        return -1;
    }

    /** The file name without folder and {@code .ftl}, which must equal the front matter's name. */
    String baseName() {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
    }

    /** The file line where a top-level front matter key is written, or null when it is not. */
    Integer lineOf(String key) {
        if (frontMatter == null) {
            return null;
        }
        Pattern keyLine = Pattern.compile("^" + Pattern.quote(key) + "\\s*:");
        List<String> lines = frontMatter.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (keyLine.matcher(lines.get(i)).find()) {
                return frontMatterLine + i;
            }
        }
        return null;
    }
}
