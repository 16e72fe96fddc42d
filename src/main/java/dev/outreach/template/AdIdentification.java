package dev.outreach.template;

import java.util.regex.Pattern;

/**
 * Finds the line that identifies a commercial message as an advertisement (15 USC 7704(a)(5)(A)(i)),
 * such as "This is a promotional message from Acme Corp.": one sentence that names the sender and says
 * advertisement, advertising, promotion or promotional. Wording may change freely within that.
 */
final class AdIdentification {

    private static final Pattern AD_WORD =
            Pattern.compile("\\b(advertisement|advertising|promotional|promotion)\\b", Pattern.CASE_INSENSITIVE);
    /** Tags that end a line or block when HTML is read as text; other tags just disappear. */
    private static final Pattern BLOCK_TAG =
            Pattern.compile("<\\s*(br|/p|/div|/li|/tr|/td|/h[1-6]|hr)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n");

    private AdIdentification() {
    }

    static boolean presentIn(String part, String senderName) {
        String text = ANY_TAG.matcher(BLOCK_TAG.matcher(part).replaceAll("\n")).replaceAll("");
        for (String sentence : SENTENCE_END.split(text)) {
            if (sentence.contains(senderName) && AD_WORD.matcher(sentence).find()) {
                return true;
            }
        }
        return false;
    }
}
