package dev.outreach.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What shows that a person agreed: the wording they agreed to, where and when, and how they
 * signed (E-SIGN: web form, email, text reply, keypress, voice recording, paper).
 *
 * @param text the consent wording shown to the person, verbatim
 * @param source where it was captured, e.g. {@code web-form:pricing-page}
 * @param capturedAt when the person agreed
 * @param ip the person's IP address, when captured online (personal data; erasable)
 * @param userAgent the person's browser, when captured online (personal data; erasable)
 * @param url the page the form was on
 * @param signedHow how the agreement was signed, or null when not stated
 */
public record ConsentEvidence(String text, String source, Instant capturedAt, String ip, String userAgent, String url,
                              String signedHow) {

    public ConsentEvidence {
        Objects.requireNonNull(capturedAt, "capturedAt");
    }
}
