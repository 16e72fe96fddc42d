package dev.outreach.gateway;

import java.util.Optional;

/**
 * What an API key may do. ADMIN may do everything; INTEGRATION everything a REP may, for any lead;
 * a REP acts on its own leads only. COMPLIANCE reads the audit log and manages suppressions,
 * consent and data-subject requests. The store keeps a key's role as its {@link #name()}.
 */
public enum Role {
    REP, INTEGRATION, COMPLIANCE, ADMIN;

    /** Whether a key with this role may do what is open to {@code required}. */
    public boolean satisfies(Role required) {
        return this == ADMIN || this == required || (this == INTEGRATION && required == REP);
    }

    /**
     * The role a stored name stands for, exactly as {@link #name()} wrote it; empty for anything
     * else, so a damaged or unknown role grants nothing (fail closed).
     */
    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Role r : values()) {
            if (r.name().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
