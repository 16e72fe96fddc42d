package dev.outreach.gateway;

import java.util.Objects;

/**
 * Who asked: a holder of an API key (or the operator at the command line, who acts as ADMIN), the
 * gateway itself, or the recipient (an unsubscribe link, a STOP reply). The audit log names the
 * person, {@code ann (REP, key:<id>)}, so "which rep sent this?" has an answer and the log can be
 * searched by the name or by the key id (the store resolves either to these texts).
 */
public sealed interface Actor permits Actor.KeyHolder, Actor.Party {

    /** The gateway acting on its own (list loads, bounces, purges, bootstrap). */
    Actor SYSTEM = Party.SYSTEM;
    /** The person written to, acting through an unsubscribe link or a reply. */
    Actor RECIPIENT = Party.RECIPIENT;

    /** How the audit log names this actor: {@code name (ROLE, key:<id>)}, or {@code system}/{@code recipient}. */
    String auditName();

    /** Whether this actor may act on a lead {@code owner} owns (null: no lead, or no owner). A REP only on its own. */
    boolean mayActOnLeadOwnedBy(String owner);

    /** Someone holding an API key: the key's id, its name (a rep's id for REP keys) and its role. */
    record KeyHolder(String keyId, String name, Role role) implements Actor {

        public KeyHolder {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String auditName() {
            return name + " (" + role.name() + ", key:" + keyId + ")";
        }

        @Override
        public boolean mayActOnLeadOwnedBy(String owner) {
            return role != Role.REP || name.equals(owner);
        }
    }

    /** The actors without a key; neither is limited to leads it owns. */
    enum Party implements Actor {
        SYSTEM("system"), RECIPIENT("recipient");

        private final String auditName;

        Party(String auditName) {
            this.auditName = auditName;
        }

        @Override
        public String auditName() {
            return auditName;
        }

        @Override
        public boolean mayActOnLeadOwnedBy(String owner) {
            return true;
        }
    }
}
