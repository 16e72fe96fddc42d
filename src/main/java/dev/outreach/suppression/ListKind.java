package dev.outreach.suppression;

import java.util.Locale;

/** What a list suppresses, which folder under the lists root holds it, and how a hit matched. */
public enum ListKind {
    EMAIL("email", "ADDRESS"),
    DOMAIN("domain", "DOMAIN"),
    HASHED("hashed", "HASH"),
    PHONE("phone", "NUMBER");

    private final String folder;
    private final String matchedBy;

    ListKind(String folder, String matchedBy) {
        this.folder = folder;
        this.matchedBy = matchedBy;
    }

    /** The folder name under the lists root, e.g. {@code email}. */
    public String folder() {
        return folder;
    }

    /** The {@code matchedBy} of a {@link dev.outreach.policy.SuppressionHit} from a list of this kind. */
    public String matchedBy() {
        return matchedBy;
    }

    /** Accepts the constant name or the folder name, any case: "EMAIL", "email". */
    public static ListKind parse(String kind) {
        String wanted = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
        for (ListKind k : values()) {
            if (k.name().equals(wanted)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown list kind; expected one of EMAIL, DOMAIN, HASHED, PHONE");
    }
}
