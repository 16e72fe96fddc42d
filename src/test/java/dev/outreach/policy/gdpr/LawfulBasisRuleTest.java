package dev.outreach.policy.gdpr;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.Stage;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Facts;
import dev.outreach.policy.JurisdictionFact;
import dev.outreach.policy.Outcome;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.SuppressionHit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LawfulBasisRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-27T14:05:00Z");
    private static final Instant LAST_MONTH = NOW.minus(Duration.ofDays(30));
    private static final JurisdictionFact GERMANY = new JurisdictionFact(true, "lead country DE");
    private static final JurisdictionFact USA = new JurisdictionFact(false, "lead country US");
    private static final String NUMBER = "+4915112345678";

    private final LawfulBasisRule rule = new LawfulBasisRule();

    private static Lead lead(Stage stage, LeadOutcome outcome) {
        return new Lead("lead-1", "anna@firma.de", null, "Anna", "Schmidt", "Firma", "DE", null, null, stage, outcome,
                "rep-1", null, null, LAST_MONTH.minus(Duration.ofDays(60)), null, null);
    }

    private static Attempt commercialEmail() {
        return Attempt.email("anna@firma.de", Purpose.COMMERCIAL, "lead-1", "presentation-summary");
    }

    private static Attempt marketing(Channel channel) {
        return new Attempt(channel, channel == Channel.CALL ? Purpose.TELEMARKETING : Purpose.MARKETING, NUMBER,
                "lead-1", null, channel == Channel.CALL ? Dialer.MANUAL : null, null, false);
    }

    private static ConsentFact consent(String id, String kind, Channel channel, Instant at, Instant revokedAt) {
        return new ConsentFact(id, kind, channel, at, revokedAt);
    }

    private static Facts emailFacts(Lead lead, JurisdictionFact where, List<ConsentFact> consents,
                                    SuppressionHit... hits) {
        return Facts.none().withLead(lead).withJurisdiction(where).withConsents(consents)
                .withSuppressions(List.of(hits));
    }

    private static Facts phoneFacts(JurisdictionFact where, List<ConsentFact> consents, Instant lastDncRequestAt) {
        PhoneFacts phone = new PhoneFacts(NUMBER, false, Set.of(), Set.of(), true, null, false, List.of(),
                lastDncRequestAt, consents, List.of());
        return Facts.none().withLead(lead(Stage.ENGAGEMENT, null)).withPhone(phone).withJurisdiction(where);
    }

    private RuleResult judge(Attempt attempt, Facts facts) {
        return rule.evaluate(attempt, facts, NOW);
    }

    @Test
    void aProtectedProspectWithoutConsentIsBlockedForCommercialEmail() {
        RuleResult r = judge(commercialEmail(), emailFacts(lead(Stage.ENGAGEMENT, null), GERMANY, List.of()));

        assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(r.rule()).isEqualTo("gdpr.lawful-basis");
        assertThat(r.citation()).isEqualTo("GDPR Art 6(1)(a); Directive 2002/58/EC Art 13(1)");
        assertThat(r.detail()).contains("lead country DE").contains("no GDPR or EMAIL_OPT_IN consent for EMAIL on file")
                .contains("lead-1 is a prospect (stage ENGAGEMENT)");
    }

    @Test
    void gdprConsentForEmailMakesCommercialEmailLawful() {
        RuleResult r = judge(commercialEmail(), emailFacts(lead(Stage.ENGAGEMENT, null), GERMANY,
                List.of(consent("c-1", "GDPR", Channel.EMAIL, LAST_MONTH, null))));

        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        assertThat(r.detail()).startsWith("GDPR consent c-1 for EMAIL given on 2026-10-28");
    }

    @Test
    void anEmailOptInCountsForEmail() {
        RuleResult r = judge(commercialEmail(), emailFacts(lead(Stage.ENGAGEMENT, null), GERMANY,
                List.of(consent("c-2", "EMAIL_OPT_IN", Channel.EMAIL, LAST_MONTH, null))));

        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aWithdrawnConsentNoLongerCounts() {
        RuleResult r = judge(commercialEmail(), emailFacts(lead(Stage.ENGAGEMENT, null), GERMANY,
                List.of(consent("c-1", "GDPR", Channel.EMAIL, LAST_MONTH, NOW.minusSeconds(60)))));

        assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(r.detail()).contains("GDPR consent c-1 was withdrawn on 2026-11-27");
    }

    @Test
    void anUnsubscribeWithdrawsEmailConsent() {
        RuleResult r = judge(commercialEmail(), emailFacts(lead(Stage.ENGAGEMENT, null), GERMANY,
                List.of(consent("c-1", "GDPR", Channel.EMAIL, LAST_MONTH, null)),
                new SuppressionHit(SuppressionReason.UNSUBSCRIBE, "runtime:one-click", "ADDRESS")));

        assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(r.detail()).contains("is withdrawn: the address unsubscribed or objected");
    }

    @Test
    void consentForAnotherChannelDoesNotCount() {
        RuleResult r = judge(commercialEmail(), emailFacts(lead(Stage.ENGAGEMENT, null), GERMANY,
                List.of(consent("c-1", "GDPR", Channel.SMS, LAST_MONTH, null))));

        assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
    }

    @Test
    void aCustomerWhoBoughtGetsCommercialEmailUnderTheSoftOptIn() {
        RuleResult r = judge(commercialEmail(), emailFacts(lead(Stage.POST_SALE, LeadOutcome.WON), GERMANY, List.of()));

        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        assertThat(r.citation()).isEqualTo("Directive 2002/58/EC Art 13(2); UK PECR reg 22");
        assertThat(r.detail()).startsWith("soft opt-in: an existing customer (lead lead-1 outcome WON)");
    }

    @Test
    void aLeadInClosingCountsAsACustomerButNotOnceLost() {
        assertThat(judge(commercialEmail(), emailFacts(lead(Stage.CLOSING, null), GERMANY, List.of())).outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(judge(commercialEmail(), emailFacts(lead(Stage.CLOSING, LeadOutcome.LOST), GERMANY, List.of()))
                .outcome()).isEqualTo(Outcome.BLOCK);
    }

    @Test
    void theSoftOptInEndsWhenTheCustomerOptsOut() {
        for (SuppressionReason reason : List.of(SuppressionReason.UNSUBSCRIBE, SuppressionReason.OBJECTION)) {
            RuleResult r = judge(commercialEmail(), emailFacts(lead(Stage.POST_SALE, LeadOutcome.WON), GERMANY,
                    List.of(), new SuppressionHit(reason, "runtime:api", "ADDRESS")));

            assertThat(r.outcome()).as(reason.name()).isEqualTo(Outcome.BLOCK);
            assertThat(r.detail()).as(reason.name()).contains("no soft opt-in: the address unsubscribed or objected");
        }
    }

    @Test
    void transactionalEmailReliesOnTheContract() {
        Attempt transactional = Attempt.email("anna@firma.de", Purpose.TRANSACTIONAL, "lead-1", "closing-confirmation");

        RuleResult r = judge(transactional, emailFacts(lead(Stage.CLOSING, null), GERMANY, List.of()));

        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        assertThat(r.detail()).startsWith("transactional message relies on the contract");
        assertThat(r.citation()).isEqualTo("GDPR Art 6(1)(b)");
    }

    @Test
    void aRecipientOutsideTheEeaAndUkIsNotApplicableNamingTheSignal() {
        RuleResult r = judge(commercialEmail(), emailFacts(lead(Stage.ENGAGEMENT, null), USA, List.of()));

        assertThat(r.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(r.detail()).isEqualTo("not protected by the GDPR or UK GDPR: lead country US");
    }

    @Test
    void anUndeterminedJurisdictionIsTreatedAsProtected() {
        RuleResult r = judge(commercialEmail(), Facts.none());

        assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(r.detail()).contains("jurisdiction not determined, treated as protected");
    }

    @ParameterizedTest
    @EnumSource(value = Channel.class, names = {"CALL", "SMS"})
    void marketingCallsAndTextsNeedGdprConsentForTheirChannel(Channel channel) {
        assertThat(judge(marketing(channel), phoneFacts(GERMANY, List.of(), null)).outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(judge(marketing(channel), phoneFacts(GERMANY,
                List.of(consent("c-3", "GDPR", channel, LAST_MONTH, null)), null)).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void tcpaConsentsAreUsConsentsAndDoNotCount() {
        RuleResult r = judge(marketing(Channel.SMS), phoneFacts(GERMANY,
                List.of(consent("c-4", "TCPA_WRITTEN", Channel.SMS, LAST_MONTH, null)), null));

        assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(r.detail()).contains("TCPA consents are US consents and do not count");
    }

    @Test
    void aDoNotCallRequestAfterTheConsentWithdrawsIt() {
        RuleResult r = judge(marketing(Channel.SMS), phoneFacts(GERMANY,
                List.of(consent("c-3", "GDPR", Channel.SMS, LAST_MONTH, null)), LAST_MONTH.plus(Duration.ofDays(1))));

        assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(r.detail()).contains("before the do-not-call request or revocation of 2026-10-29");
    }

    @Test
    void thereIsNoSoftOptInForCallsOrTexts() {
        PhoneFacts phone = new PhoneFacts(NUMBER, false, Set.of(), Set.of(), true, null, false, List.of(), null,
                List.of(), List.of());
        Facts customer = Facts.none().withLead(lead(Stage.POST_SALE, LeadOutcome.WON)).withPhone(phone)
                .withJurisdiction(GERMANY);

        assertThat(judge(marketing(Channel.CALL), customer).outcome()).isEqualTo(Outcome.BLOCK);
    }

    @Test
    void informationalTextsAreNotDirectMarketing() {
        Attempt informational = new Attempt(Channel.SMS, Purpose.INFORMATIONAL, NUMBER, "lead-1", null, null, null,
                false);

        RuleResult r = judge(informational, phoneFacts(GERMANY, List.of(), null));

        assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        assertThat(r.detail()).startsWith("not direct marketing");
    }
}
