package dev.outreach.template;

/**
 * What lint found in a template's rendered HTML and text parts, by rendering it with recognisable
 * stand-in values. Each flag is true only when both parts carry the item, whichever optional fields
 * are present.
 *
 * @param unsubscribeLink  the {@code unsubscribeUrl} appears (15 USC 7704(a)(3), (a)(5)(A)(ii))
 * @param postalAddress    the {@code senderPostalAddress} appears (15 USC 7704(a)(5)(A)(iii))
 * @param adIdentification a sentence names the sender and calls the message an advertisement or
 *                         promotional (15 USC 7704(a)(5)(A)(i))
 */
public record ComplianceMarkers(boolean unsubscribeLink, boolean postalAddress, boolean adIdentification) {

    /** Nothing found, e.g. because the template did not render. */
    public static final ComplianceMarkers NONE = new ComplianceMarkers(false, false, false);

    static final ComplianceMarkers ALL = new ComplianceMarkers(true, true, true);

    /** Present only where present in both. */
    ComplianceMarkers and(ComplianceMarkers other) {
        return new ComplianceMarkers(unsubscribeLink && other.unsubscribeLink,
                postalAddress && other.postalAddress, adIdentification && other.adIdentification);
    }
}
