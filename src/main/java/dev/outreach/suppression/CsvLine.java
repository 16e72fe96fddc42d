package dev.outreach.suppression;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record (RFC 4180): comma separated, a field may be enclosed in double quotes, and
 * {@code ""} inside quotes is one quote. A quoted field may not span lines: list files are read line
 * by line so a broken line can be reported by its number.
 */
public final class CsvLine {

    private CsvLine() {
    }

    /** @throws IllegalArgumentException naming what is malformed, never quoting the line */
    public static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        while (true) {
            i = skipSpaces(line, i);
            if (i < line.length() && line.charAt(i) == '"') {
                i = readQuoted(line, i + 1, cell);
                i = skipSpaces(line, i);
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new InvalidEntryException("malformed CSV row (text after a closing quote)");
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
            i++; // the comma
        }
    }

    /** @return the index just after the closing quote */
    private static int readQuoted(String line, int from, StringBuilder cell) {
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
        throw new InvalidEntryException("malformed CSV row (unterminated quoted field)");
    }

    private static int skipSpaces(String line, int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
