package dev.outreach.gateway;

import dev.outreach.audit.AuditKind;
import dev.outreach.audit.AuditTrail;
import dev.outreach.mail.UnsubscribeTokens;
import dev.outreach.policy.Purpose;
import dev.outreach.store.CategoryOptOuts;
import dev.outreach.template.TemplateCatalog;
import dev.outreach.template.TemplateInfo;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The preference centre: which categories of commercial email a recipient opted down from, instead
 * of leaving everything. The categories are those of the commercial templates (front matter
 * {@code category}); transactional messages are outside opt-outs and are not offered. A change is
 * durable and audited ({@code PREFERENCES_CHANGED}) before the page answers, so the next commercial
 * email of an opted-out category is blocked by {@code canspam.category-opt-out}.
 */
public final class CategoryPreferences {

    static final AuditKind AUDIT_KIND = AuditKind.PREFERENCES_CHANGED;

    private final UnsubscribeTokens tokens;
    private final CategoryOptOuts optOuts;
    private final TemplateCatalog templates;
    private final AuditTrail audit;
    private final Clock clock;

    public CategoryPreferences(UnsubscribeTokens tokens, CategoryOptOuts optOuts, TemplateCatalog templates,
                               AuditTrail audit, Clock clock) {
        this.tokens = tokens;
        this.optOuts = optOuts;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
    }

    /** The categories a recipient opted out of, by the recipient's pseudonym; the fact the policy needs. */
    public Set<String> optedOut(String recipientKey) {
        return optOuts.of(recipientKey);
    }

    /** The categories a recipient can opt down from: those of the commercial templates, sorted. */
    public List<String> categories() {
        Set<String> out = new TreeSet<>();
        for (TemplateInfo t : templates.templates()) {
            if (t.purpose() == Purpose.COMMERCIAL && t.category() != null) {
                out.add(t.category());
            }
        }
        return List.copyOf(out);
    }

    /** The recipient's current opt-outs; empty when the token is not genuine. */
    public Optional<Set<String>> current(String token) {
        return tokens.verify(token).map(optOuts::of);
    }

    /**
     * Replaces the recipient's opt-outs with {@code optedOut}, each of which must be one of
     * {@link #categories()}; false when the token is not genuine.
     *
     * @throws IllegalArgumentException naming an unknown category; nothing is changed then
     */
    public boolean choose(String token, Set<String> optedOut, String via) {
        Optional<String> key = tokens.verify(token);
        if (key.isEmpty()) {
            return false;
        }
        List<String> known = categories();
        for (String category : optedOut) {
            if (!known.contains(Objects.requireNonNull(category))) {
                throw new IllegalArgumentException("unknown category '" + category + "'; known: " + known);
            }
        }
        Set<String> sorted = new TreeSet<>(optedOut);
        optOuts.replace(key.get(), sorted, via, clock.instant());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("optedOut", List.copyOf(sorted));
        detail.put("via", via);
        audit.recordChange(AUDIT_KIND, Actor.RECIPIENT.auditName(), key.get(), null, "EMAIL", detail);
        return true;
    }
}
