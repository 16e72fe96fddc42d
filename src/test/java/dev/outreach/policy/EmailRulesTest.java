package dev.outreach.policy;

import dev.outreach.config.StateRulePackReader;
import dev.outreach.policy.state.StateRulePack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EmailRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T14:05:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final PolicySettings SETTINGS = PolicySettings.defaults(Set.of("example.com"));
    private static final MessageFacts GOOD = new MessageFacts("sales@example.com", "Your presentation summary",
            true, true, true);

    private static final StateRulePack STATE_RULES = StateRulePackReader.fromClasspath();

    private final PolicyEngine engine = RuleBook.engine(SETTINGS, STATE_RULES);

    private static Attempt commercial() {
        return Attempt.email("ann@example.org", Purpose.COMMERCIAL, "lead-1", "presentation-summary");
    }

    private static Attempt transactional() {
        return Attempt.email("ann@example.org", Purpose.TRANSACTIONAL, "lead-1", "closing-confirmation");
    }

    /** These recipients are in the US: GDPR's lawful-basis rule has its own tests. */
    private static Facts usRecipient() {
        return Facts.none().withJurisdiction(new JurisdictionFact(false, "lead country US"));
    }

    private static Facts facts(SuppressionHit... hits) {
        return usRecipient().withMessage(GOOD).withSuppressions(List.of(hits));
    }

    private static RuleResult result(Decision d, String rule) {
        return d.evaluated().stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow();
    }

    @Test
    void allowsCleanCommercialEmailAndListsEveryRuleEvaluated() {
        Decision d = engine.decide(commercial(), facts(), CLOCK);

        assertThat(d.decision()).isEqualTo(Verdict.ALLOW);
        assertThat(d.reasons()).isEmpty();
        assertThat(d.evaluated()).extracting(RuleResult::rule).containsSubsequence("email.sender-domain",
                "email.bounced", "gdpr.erased", "gdpr.objection", "canspam.suppression", "canspam.message-content",
                "policy.duplicate", "policy.frequency-cap");
        // the call and text rules are listed too, and say they do not apply to email
        assertThat(d.evaluated()).filteredOn(r -> r.rule().startsWith("tcpa.") || r.rule().startsWith("state."))
                .isNotEmpty().allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.NOT_APPLICABLE));
        assertThat(d.decidedAt()).isEqualTo(NOW);
        assertThat(d.policyVersion()).startsWith("r1-");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNSUBSCRIBE", "COMPLAINT", "MANUAL", "LIST"})
    void blocksCommercialEmailToOptedOutAddress(SuppressionReason reason) {
        Decision d = engine.decide(commercial(), facts(new SuppressionHit(reason, "test", "ADDRESS")), CLOCK);

        assertThat(d.decision()).isEqualTo(Verdict.BLOCK);
        assertThat(d.blockingRules()).containsExactly("canspam.suppression");
        assertThat(d.reasons().get(0).citation()).isEqualTo("15 USC 7704(a)(4)");
    }

    @Test
    void allowsTransactionalEmailToUnsubscribedAddress() {
        Decision d = engine.decide(transactional(), facts(new SuppressionHit(SuppressionReason.UNSUBSCRIBE, "u", "ADDRESS")), CLOCK);

        assertThat(d.decision()).isEqualTo(Verdict.ALLOW);
        assertThat(result(d, "canspam.suppression").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void blocksTransactionalEmailToBouncedAddress() {
        Decision d = engine.decide(transactional(), facts(new SuppressionHit(SuppressionReason.BOUNCE, "smtp", "ADDRESS")), CLOCK);

        assertThat(d.blockingRules()).containsExactly("email.bounced");
    }

    @Test
    void blocksTransactionalEmailToErasedPerson() {
        Decision d = engine.decide(transactional(), facts(new SuppressionHit(SuppressionReason.ERASURE, "dsr", "ADDRESS")), CLOCK);

        assertThat(d.blockingRules()).containsExactly("gdpr.erased");
    }

    @Test
    void blocksCommercialEmailWhenAListCouldNotBeRead() {
        Decision d = engine.decide(commercial(), facts().withUnreadableLists(List.of("email/partner.csv")), CLOCK);

        assertThat(d.blockingRules()).containsExactly("canspam.suppression");
        assertThat(d.reasons().get(0).detail()).contains("email/partner.csv");
    }

    @Test
    void blocksSenderOutsideConfiguredDomains() {
        Facts f = usRecipient().withMessage(new MessageFacts("ceo@evil.test", "Hello", true, true, true));

        Decision d = engine.decide(commercial(), f, CLOCK);

        assertThat(d.blockingRules()).containsExactly("email.sender-domain");
    }

    @Test
    void blocksCommercialEmailWithoutPostalAddressNamingTheCitation() {
        Facts f = usRecipient().withMessage(new MessageFacts("sales@example.com", "Hello", true, false, true));

        Decision d = engine.decide(commercial(), f, CLOCK);

        assertThat(d.blockingRules()).containsExactly("canspam.message-content");
        assertThat(d.reasons().get(0).citation()).isEqualTo("15 USC 7704(a)(5)(A)(iii)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RE: your quote", "Fwd: pricing", " fw: hi", "Re[2]: hello"})
    void blocksSubjectThatFakesAReplyOrForward(String subject) {
        Facts f = usRecipient().withMessage(new MessageFacts("sales@example.com", subject, true, true, true));

        assertThat(engine.decide(transactional(), f, CLOCK).blockingRules()).containsExactly("canspam.message-content");
    }

    @Test
    void adDisclosureMayBeOmittedWhenRecipientOptedIn() {
        MessageFacts noDisclosure = new MessageFacts("sales@example.com", "News", true, true, false);
        Facts optedIn = new Facts(null, List.of(), List.of(), noDisclosure, List.of(), true)
                .withJurisdiction(new JurisdictionFact(false, "lead country US"));

        assertThat(engine.decide(commercial(), optedIn, CLOCK).allowed()).isTrue();
        assertThat(engine.decide(commercial(), optedIn.withMessage(noDisclosure), CLOCK).allowed()).isTrue();
        assertThat(engine.decide(commercial(), usRecipient().withMessage(noDisclosure), CLOCK).blockingRules())
                .containsExactly("canspam.message-content");
    }

    @Test
    void blocksSameTemplateTwiceWithinADayAndSaysWhenItIsAllowed() {
        Instant earlier = NOW.minus(Duration.ofHours(3));
        Facts f = facts().withRecentTouches(List.of(
                new TouchFact(earlier, Channel.EMAIL, "presentation-summary", Purpose.COMMERCIAL, true)));

        Decision d = engine.decide(commercial(), f, CLOCK);

        assertThat(d.blockingRules()).containsExactly("policy.duplicate");
        assertThat(d.nextAllowedAt()).isEqualTo(earlier.plus(Duration.ofHours(24)));
    }

    @Test
    void blockedEarlierTouchDoesNotCountAsDuplicate() {
        Facts f = facts().withRecentTouches(List.of(
                new TouchFact(NOW.minusSeconds(60), Channel.EMAIL, "presentation-summary", Purpose.COMMERCIAL, false)));

        assertThat(engine.decide(commercial(), f, CLOCK).allowed()).isTrue();
    }

    @Test
    void frequencyCapBlocksAtTheCapAndFreesWhenTheOldestTouchLeavesTheWindow() {
        PolicySettings capped = new PolicySettings(Set.of("example.com"), 2, Duration.ofDays(7), Duration.ofHours(24));
        PolicyEngine cappedEngine = RuleBook.engine(capped, STATE_RULES);
        Instant first = NOW.minus(Duration.ofDays(5));
        Facts f = facts().withRecentTouches(List.of(
                new TouchFact(first, Channel.EMAIL, "engagement-resources", Purpose.COMMERCIAL, true),
                new TouchFact(NOW.minus(Duration.ofDays(2)), Channel.EMAIL, "negotiation-check-in",
                        Purpose.COMMERCIAL, true)));

        Decision d = cappedEngine.decide(commercial(), f, CLOCK);

        assertThat(d.blockingRules()).containsExactly("policy.frequency-cap");
        assertThat(d.nextAllowedAt()).isEqualTo(first.plus(Duration.ofDays(7)));
        assertThat(cappedEngine.policyVersion()).isNotEqualTo(engine.policyVersion());
    }

    @Test
    void nextAllowedAtIsNullWhenAnyBlockIsNotTimeBased() {
        Facts f = facts(new SuppressionHit(SuppressionReason.UNSUBSCRIBE, "u", "ADDRESS")).withRecentTouches(List.of(
                new TouchFact(NOW.minusSeconds(60), Channel.EMAIL, "presentation-summary", Purpose.COMMERCIAL, true)));

        Decision d = engine.decide(commercial(), f, CLOCK);

        assertThat(d.blockingRules()).containsExactly("canspam.suppression", "policy.duplicate");
        assertThat(d.nextAllowedAt()).isNull();
    }

    @Test
    void aRuleThatThrowsBlocksInsteadOfAllowing() {
        Rule broken = new Rule() {
            public String id() {
                return "test.broken";
            }

            public RuleResult evaluate(Attempt a, Facts f, Instant now) {
                throw new IllegalStateException("boom");
            }
        };
        PolicyEngine e = new PolicyEngine(List.of(broken), "v");

        Decision d = e.decide(commercial(), Facts.none(), CLOCK);

        assertThat(d.decision()).isEqualTo(Verdict.BLOCK);
        assertThat(d.reasons().get(0).detail()).contains("fail closed");
    }

    @Test
    void judgesTheAttemptsOwnInstantWhenGiven() {
        Instant planned = Instant.parse("2026-12-01T10:00:00Z");

        assertThat(engine.decide(commercial().at(planned), facts(), CLOCK).decidedAt()).isEqualTo(planned);
    }
}
