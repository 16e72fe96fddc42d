package dev.outreach.web;

import io.javalin.security.RouteRole;

import java.util.Locale;
import java.util.Optional;

/**
 * Roles of API keys. ADMIN may do everything; INTEGRATION everything a REP may, for any lead.
 * COMPLIANCE reads the audit log and manages suppressions, consent and data-subject requests.
 */
public enum ApiRole implements RouteRole {
    REP, INTEGRATION, COMPLIANCE, ADMIN;

    /** Whether a key with this role may call a route open to {@code required}. */
    public boolean satisfies(ApiRole required) {
        return this == ADMIN || this == required || (this == INTEGRATION && required == REP);
    }

    public static Optional<ApiRole> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(s.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
