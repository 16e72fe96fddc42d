package dev.outreach.policy;

/**
 * What is known about an email's content before it is sent, from the template's front matter and
 * lint. CAN-SPAM 15 USC 7704(a) requirements are judged on these.
 *
 * @param category the template's preference-centre category, or null when it has none
 */
public record MessageFacts(String fromAddress, String subject, boolean hasOptOutLink, boolean hasPostalAddress,
                           boolean hasAdDisclosure, String category) {

    /** A message of no preference-centre category. */
    public MessageFacts(String fromAddress, String subject, boolean hasOptOutLink, boolean hasPostalAddress,
                        boolean hasAdDisclosure) {
        this(fromAddress, subject, hasOptOutLink, hasPostalAddress, hasAdDisclosure, null);
    }
}
