package dev.outreach.gateway;

/**
 * Who asked: an API key's id and name (a rep's id for REP keys) and its role name. Appears in the
 * audit log as {@code key:<id>}.
 */
public record Actor(String keyId, String name, String role) {

    public static final Actor RECIPIENT = new Actor("recipient", "recipient", "NONE");
    public static final Actor SYSTEM = new Actor("system", "system", "NONE");

    public String auditName() {
        return keyId.equals("recipient") || keyId.equals("system") ? keyId : "key:" + keyId;
    }
}
