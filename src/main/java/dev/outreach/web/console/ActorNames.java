package dev.outreach.web.console;

import dev.outreach.gateway.AccessKeys;
import dev.outreach.store.ApiKey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The people and systems behind audit actors: {@code name (ROLE, key:<id>)} (or, in older entries, the
 * bare {@code key:<id>}) shown as the key's current name and role
 * (a REP key's name is the rep), {@code system} and {@code recipient} in words. Read once per page.
 */
final class ActorNames {

    private final Map<String, ApiKey> byAuditName = new HashMap<>();
    private final Map<String, ApiKey> byName = new HashMap<>();

    private ActorNames(List<ApiKey> keys) {
        for (ApiKey k : keys) {
            byAuditName.put("key:" + k.id(), k);
            byName.putIfAbsent(k.name(), k);
        }
    }

    static ActorNames of(AccessKeys keys) {
        return new ActorNames(keys == null ? List.of() : keys.list());
    }

    /** How a person reads the actor; the raw value when it names no known key. */
    String name(String actor) {
        if (actor == null || actor.isEmpty()) {
            return "";
        }
        ApiKey k = byAuditName.get(keyPart(actor));
        if (k != null) {
            return k.name() + " (" + k.role() + (k.revokedAt() != null ? ", revoked" : "") + ")";
        }
        return switch (actor) {
            case "system" -> "the gateway (system)";
            case "recipient" -> "the recipient (unsubscribe link)";
            default -> actor;
        };
    }

    /** {@code key:<id>} from an actor written as {@code name (ROLE, key:<id>)} or as the bare {@code key:<id>}. */
    private static String keyPart(String actor) {
        int at = actor.lastIndexOf("key:");
        return at > 0 && actor.endsWith(")") ? actor.substring(at, actor.length() - 1) : actor;
    }

    /** A typed actor filter as stored: a key's name becomes {@code key:<id>}; anything else stays as typed. */
    String filterValue(String typed) {
        return Optional.ofNullable(byName.get(typed)).map(k -> "key:" + k.id()).orElse(typed);
    }
}
