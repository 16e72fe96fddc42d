package dev.outreach.audit;

import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditQuery;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a list load is worth a {@code LIST_LOADED} audit entry: only when the list's
 * content (its sha256) differs from the last audited load of the list with that name. A restart
 * that reads the same files again adds nothing to the log; an edited, added or unreadable list
 * does. The last audited digests are read once from the log itself (the kind index), so the
 * answer survives restarts without a table of its own.
 */
public final class ListLoadChanges {

    static final String KIND = "LIST_LOADED";

    private final AuditEntries audit;
    private Map<String, String> lastAudited;

    public ListLoadChanges(AuditEntries audit) {
        this.audit = audit;
    }

    /**
     * True, and remembered as audited, when {@code sha256} (null for an unreadable list) differs
     * from the last audited load of {@code name}; false when the content is the same.
     */
    public synchronized boolean changed(String name, String sha256) {
        if (lastAudited == null) {
            lastAudited = readLastAudited();
        }
        String key = sha256 == null ? "" : sha256;
        if (lastAudited.containsKey(name) && Objects.equals(lastAudited.get(name), key)) {
            return false;
        }
        lastAudited.put(name, key);
        return true;
    }

    private Map<String, String> readLastAudited() {
        Map<String, String> last = new HashMap<>();
        audit.stream(new AuditQuery(null, null, null, null, null, null, null, KIND, 0, 0), e -> {
            if (AuditPayload.of(e) instanceof AuditPayload.Change c) {
                c.text("name").ifPresent(name -> last.put(name, c.text("sha256").orElse("")));
            }
            // Any other payload tells nothing about the list; the next load is audited.
        });
        return last;
    }
}
