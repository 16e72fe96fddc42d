package dev.outreach.gateway.email;

import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Facts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence an email decision records beside its rule results, so the entry alone answers
 * "what did the gateway rely on?": the consent records in force for the address when it decided,
 * and every suppression list version consulted (taken just before the facts were gathered).
 */
final class EmailEvidence {

    private EmailEvidence() {
    }

    /**
     * @param lists the identity of each list version, from {@link dev.outreach.gateway.SuppressionRegister#consultedEmailLists()}
     * @param facts what the decision was made on
     * @param now the instant the decision judges
     */
    static Map<String, Object> of(List<Map<String, Object>> lists, Facts facts, Instant now) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("consentIds", facts.consents().stream().filter(c -> c.activeAt(now)).map(ConsentFact::id)
                .toList());
        evidence.put("lists", lists);
        return evidence;
    }
}
