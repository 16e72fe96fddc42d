package dev.outreach.mail.dkim;

import java.io.ByteArrayOutputStream;

/**
 * The "relaxed" body canonicalisation of RFC 6376 §3.4.4: delete WSP at the end of each line,
 * reduce each run of WSP inside a line to one SP, delete every empty line at the end of the body,
 * and end a non-empty body with CRLF. An empty body stays empty (§3.4.4, errata 3252 aside, which
 * both dkimpy and OpenDKIM follow).
 */
final class RelaxedBodyCanonicalization {

    private RelaxedBodyCanonicalization() {
    }

    static byte[] canonicalize(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int pendingEmptyLines = 0;
        int start = 0;
        while (start < body.length) {
            int end = lineEnd(body, start);
            byte[] line = relaxLine(body, start, end);
            if (line.length == 0 && end < body.length) {
                pendingEmptyLines++;
            } else if (line.length > 0) {
                for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                    out.writeBytes(new byte[]{'\r', '\n'});
                }
                out.writeBytes(line);
                out.writeBytes(new byte[]{'\r', '\n'});
            }
            start = end < body.length ? end + 2 : body.length;
        }
        return out.toByteArray();
    }

    /** Index of the CRLF ending the line that starts at {@code from}, or the body length for a last unterminated line. */
    private static int lineEnd(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return body.length;
    }

    private static byte[] relaxLine(byte[] body, int start, int end) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(end - start);
        boolean inWhitespace = false;
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b == ' ' || b == '\t') {
                inWhitespace = true;
                continue;
            }
            if (inWhitespace) {
                line.write(' ');
                inWhitespace = false;
            }
            line.write(b);
        }
        // Whitespace left pending at the end of the line is dropped: "ignore all whitespace at the end of lines".
        return line.toByteArray();
    }
}
