package dev.outreach.policy.canspam;

import dev.outreach.policy.Attempt;
import dev.outreach.policy.Facts;
import dev.outreach.policy.MessageFacts;
import dev.outreach.policy.Outcome;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RuleResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CategoryOptOutRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-27T14:05:00Z");
    private final CategoryOptOutRule rule = new CategoryOptOutRule();

    private static MessageFacts message(String category) {
        return new MessageFacts("sales@example.com", "Resources", true, true, true, category);
    }

    private static Attempt commercial() {
        return Attempt.email("ann@example.org", Purpose.COMMERCIAL, "lead-1", "engagement-resources");
    }

    private RuleResult judge(Attempt attempt, MessageFacts message, Set<String> optedOut) {
        return rule.evaluate(attempt, Facts.none().withMessage(message).withOptedOutCategories(optedOut), NOW);
    }

    @Test
    void aCommercialEmailOfAnOptedOutCategoryIsBlockedWithTheCategoryNamed() {
        RuleResult r = judge(commercial(), message("resources"), Set.of("resources", "product-news"));

        assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(r.rule()).isEqualTo("canspam.category-opt-out");
        assertThat(r.detail()).contains("'resources'");
        assertThat(r.citation()).isEqualTo("15 USC 7704(a)(3), (a)(4)");
    }

    @Test
    void aCategoryTheRecipientKeptPasses() {
        assertThat(judge(commercial(), message("resources"), Set.of("product-news")).outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void unknownPreferencesBlockACategorisedCommercialEmail() {
        assertThat(judge(commercial(), message("resources"), null).outcome()).isEqualTo(Outcome.BLOCK);
    }

    @Test
    void aMessageWithoutCategoryATransactionalEmailAndACheckWithoutTemplateAreNotApplicable() {
        Attempt transactional = Attempt.email("ann@example.org", Purpose.TRANSACTIONAL, "lead-1", "closing-confirmation");

        assertThat(judge(commercial(), message(null), Set.of("resources")).outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(judge(transactional, message("resources"), Set.of("resources")).outcome())
                .isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(rule.evaluate(commercial(), Facts.none(), NOW).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }
}
