package dev.outreach.scrub;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record (RFC 4180): comma separated, a field may be enclosed in double quotes with
 * {@code ""} for a quote inside. Records do not span lines, so an error can name its line.
 */
final class CsvCells {

    private CsvCells() {
    }

    /** @throws IllegalArgumentException with a message that never quotes the line */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i = quoted(line, i + 1, cell);
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("malformed CSV row (text after a closing quote)");
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    cell.append(line.charAt(i++));
                }
            }
            cells.add(cell.toString().strip());
            cell.setLength(0);
            if (i >= line.length()) {
                return cells;
            }
            i++;
        }
    }

    private static int quoted(String line, int from, StringBuilder cell) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c != '"') {
                cell.append(c);
                i++;
            } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i += 2;
            } else {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("malformed CSV row (unterminated quoted field)");
    }
}
