package dev.outreach.template;

import dev.outreach.policy.canspam.ThreadPrefix;

import java.util.regex.Pattern;

/** What makes a subject unsendable, checked in the source by lint and in the result by render. */
final class SubjectLine {

    /**
     * "RE:", "Re :", "FW:", "Fwd:", "Re[2]:" at the start, after any whitespace: a fake reply or forward
     * misleads about the content (15 USC 7704(a)(2); Google 81126). The policy rule
     * {@code canspam.message-content} owns the detection ({@link ThreadPrefix}: other languages, look-alike
     * characters), so lint and decisions never disagree.
     */

    /** Words that make a subject read as an ad, which turns a "transactional" email commercial (16 CFR 316.3). */
    private static final Pattern PROMOTIONAL = Pattern.compile(
            "\\b(offer|offers|discount|deal|deals|sale|free|save|savings|promo|promotion|exclusive|limited time"
                    + "|upgrade)\\b|\\d+\\s*%\\s*off", Pattern.CASE_INSENSITIVE);

    private SubjectLine() {
    }

    static boolean fakesReplyOrForward(String subject) {
        return ThreadPrefix.fakesReplyOrForward(subject);
    }

    /** A CR or LF in a header value starts a new header (RFC 5322 §2.2): header injection. */
    static boolean hasLineBreak(String subject) {
        return subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0;
    }

    static boolean soundsPromotional(String subject) {
        return PROMOTIONAL.matcher(subject).find();
    }
}
