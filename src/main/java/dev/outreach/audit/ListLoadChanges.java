package dev.outreach.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditQuery;

import java.io.IOException;
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
    private final ObjectMapper json;
    private Map<String, String> lastAudited;

    public ListLoadChanges(AuditEntries audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
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
            try {
                JsonNode detail = json.readTree(e.payload());
                if (detail.hasNonNull("name")) {
                    last.put(detail.get("name").asText(), detail.path("sha256").isNull() ? ""
                            : detail.path("sha256").asText(""));
                }
            } catch (IOException | RuntimeException unreadable) {
                // An entry whose detail cannot be read tells nothing about the list; the next load is audited.
            }
        });
        return last;
    }
}
