package dev.outreach.template;

import java.util.Objects;

/**
 * Who a message is from, as every template's footer shows it. Comes from the {@code sender.*}
 * configuration; the values reach templates as the system variables {@code senderName},
 * {@code senderEmail} and {@code senderPostalAddress}.
 *
 * @param name          the organisation's name as the recipient knows it; never blank
 * @param email         the From address; never blank
 * @param postalAddress valid physical postal address (15 USC 7704(a)(5)(A)(iii)); may be blank, but a
 *                      COMMERCIAL message then refuses to render
 */
public record SenderIdentity(String name, String email, String postalAddress) {

    public SenderIdentity {
        name = singleLine("name", name);
        email = singleLine("email", email);
        Objects.requireNonNull(postalAddress, "sender postalAddress (blank is allowed, null is not)");
        if (name.isBlank() || email.isBlank()) {
            throw new IllegalArgumentException("sender name and email must not be blank");
        }
    }

    /** True when a postal address is configured; CAN-SPAM requires one in every commercial message. */
    public boolean hasPostalAddress() {
        return !postalAddress.isBlank();
    }

    // Name and address end up in the From header, where a line break would inject headers.
    private static String singleLine(String field, String value) {
        Objects.requireNonNull(value, () -> "sender " + field + " is required");
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("sender " + field + " must be a single line");
        }
        return value.strip();
    }
}
