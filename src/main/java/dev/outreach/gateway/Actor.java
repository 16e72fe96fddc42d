package dev.outreach.gateway;

/**
 * Who asked: an API key's id, its name (a rep's id for REP keys) and its role name. The audit log
 * names the person, {@code ann (REP, key:<id>)}, so "which rep sent this?" has an answer and the log
 * can be searched by the name or by the key id (the store resolves either to these texts).
 */
public record Actor(String keyId, String name, String role) {

    public static final Actor RECIPIENT = new Actor("recipient", "recipient", "NONE");
    public static final Actor SYSTEM = new Actor("system", "system", "NONE");

    /** The key's id. */
    public String id() {
        return keyId;
    }

    /** How the audit log names this actor: {@code name (ROLE, key:<id>)}, or {@code system}/{@code recipient}. */
    public String auditName() {
        return keyId.equals("recipient") || keyId.equals("system") ? keyId
                : name + " (" + role + ", key:" + keyId + ")";
    }
}
