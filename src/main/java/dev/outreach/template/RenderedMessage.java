package dev.outreach.template;

import dev.outreach.lead.Stage;
import dev.outreach.policy.Purpose;

/**
 * A template filled in for one recipient: the two alternatives of a {@code multipart/alternative}
 * email and its subject.
 *
 * @param templateName the template it came from
 * @param subject      one line, no CR or LF, ready for the Subject header
 * @param html         the text/html alternative, auto-escaped
 * @param text         the text/plain alternative
 * @param purpose      COMMERCIAL or TRANSACTIONAL (15 USC 7702); decides the unsubscribe headers
 * @param stage        the SOP stage the template belongs to
 */
public record RenderedMessage(String templateName, String subject, String html, String text, Purpose purpose,
                              Stage stage) {

    /** True for CAN-SPAM commercial mail, which needs the List-Unsubscribe headers. */
    public boolean commercial() {
        return purpose == Purpose.COMMERCIAL;
    }
}
