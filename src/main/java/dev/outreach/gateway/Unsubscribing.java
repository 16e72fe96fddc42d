package dev.outreach.gateway;

import dev.outreach.mail.UnsubscribeTokens;
import dev.outreach.store.AuditEntries;

import java.util.Optional;

/**
 * The recipient's own opt-out from a message link (RFC 8058 one-click or the confirmation page).
 * The suppression is committed before this returns, so the next commercial send is blocked.
 */
public final class Unsubscribing {

    private final UnsubscribeTokens tokens;
    private final SuppressionRegister register;
    private final AuditEntries audit;

    public Unsubscribing(UnsubscribeTokens tokens, SuppressionRegister register, AuditEntries audit) {
        this.tokens = tokens;
        this.register = register;
        this.audit = audit;
    }

    /** Whether the token is genuine; checking changes nothing (link scanners prefetch GETs). */
    public boolean isValid(String token) {
        return tokens.verify(token).isPresent();
    }

    /** Suppresses the recipient; false when the token is not genuine. */
    public boolean unsubscribe(String token, String via) {
        Optional<String> key = tokens.verify(token);
        if (key.isEmpty()) {
            return false;
        }
        String readable = audit.readableSubject(key.get()).orElse(null);
        register.addByKey("EMAIL", key.get(), readable, "UNSUBSCRIBE", via, Actor.RECIPIENT.auditName());
        return true;
    }
}
