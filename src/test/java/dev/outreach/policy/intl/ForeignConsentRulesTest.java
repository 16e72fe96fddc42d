package dev.outreach.policy.intl;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.contact.Jurisdictions;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.Stage;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Facts;
import dev.outreach.policy.JurisdictionFact;
import dev.outreach.policy.Outcome;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RelationshipFact;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.SuppressionHit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** casl.consent, ch.uwg-consent and au.spam-consent on fixed instants, with jurisdiction facts the real decider makes. */
class ForeignConsentRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T14:05:00Z");
    private static final Jurisdictions JURISDICTIONS = Jurisdictions.load();

    private final CaslConsentRule casl = new CaslConsentRule();
    private final SwissUwgConsentRule uwg = new SwissUwgConsentRule();
    private final AustralianSpamConsentRule spam = new AustralianSpamConsentRule();

    private static JurisdictionFact where(String country, String phone, String email) {
        return JURISDICTIONS.decide(country, phone == null ? List.of() : List.of(phone),
                email == null ? List.of() : List.of(email));
    }

    private static Lead lead(LeadSource source, Stage stage, LeadOutcome outcome, Instant created) {
        return new Lead("lead-1", "ann@shop.ca", null, "Ann", "Lee", "Shop", null, null, null, stage, outcome, "rep-1",
                source, null, created, null, null);
    }

    private static Attempt email() {
        return Attempt.email("ann@shop.ca", Purpose.COMMERCIAL, "lead-1", "offer");
    }

    private static Attempt text(String number) {
        return new Attempt(Channel.SMS, Purpose.MARKETING, number, "lead-1", null, null, null, false);
    }

    private static Facts emailFacts(JurisdictionFact j, Lead lead, ConsentFact... consents) {
        return Facts.none().withJurisdiction(j).withLead(lead).withConsents(List.of(consents));
    }

    private static Facts textFacts(JurisdictionFact j, String number, Instant dncAt, List<ConsentFact> consents,
                                   List<RelationshipFact> relationships) {
        return Facts.none().withJurisdiction(j).withPhone(new PhoneFacts(number, true, Set.of(), Set.of(), true, null,
                false, List.of(), dncAt, consents, relationships));
    }

    @Test
    void caslBlocksCommercialEmailToACaAddressWithoutConsent() {
        RuleResult r = casl.evaluate(email(), emailFacts(where(null, null, "ann@shop.ca"),
                lead(LeadSource.EVENT, Stage.ENGAGEMENT, null, NOW.minusSeconds(86_400))), NOW);

        assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(r.rule()).isEqualTo("casl.consent");
        assertThat(r.citation()).isEqualTo("S.C. 2010, c. 23, ss 6, 10, 11");
        assertThat(r.detail()).contains("no consent for EMAIL on file", "no purchase or inquiry on record",
                "under CASL: email domain .ca");
    }

    @Test
    void caslImpliedConsentLastsSixMonthsAfterAnInquiry() {
        Instant inquiry = Instant.parse("2026-05-27T14:05:00Z");
        Facts facts = emailFacts(where("CA", null, null), lead(LeadSource.WEB_FORM, Stage.ENGAGEMENT, null, inquiry));

        assertThat(casl.evaluate(email(), facts, Instant.parse("2026-11-27T14:04:59Z")).outcome())
                .isEqualTo(Outcome.PASS);
        RuleResult after = casl.evaluate(email(), facts, Instant.parse("2026-11-27T14:05:00Z"));
        assertThat(after.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(after.detail()).contains("inquiry on 2026-05-27 (6 months after an inquiry, ended 2026-11-27)");
    }

    @Test
    void caslImpliedConsentLastsTwoYearsAfterAPurchaseAndEndsWithADoNotCallRequest() {
        String toronto = "+14165550123";
        JurisdictionFact j = where("US", toronto, null);
        List<RelationshipFact> bought = List.of(new RelationshipFact("PURCHASE",
                Instant.parse("2024-11-28T00:00:00Z")));

        RuleResult within = casl.evaluate(text(toronto), textFacts(j, toronto, null, List.of(), bought), NOW);
        assertThat(within.outcome()).isEqualTo(Outcome.PASS);
        assertThat(within.detail()).contains("implied consent: purchase on 2024-11-28, valid until 2026-11-28",
                "under CASL: phone number region CA (+1)");
        RuleResult afterDnc = casl.evaluate(text(toronto), textFacts(j, toronto,
                Instant.parse("2026-01-01T00:00:00Z"), List.of(), bought), NOW);
        assertThat(afterDnc.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(casl.evaluate(text(toronto), textFacts(j, toronto, null, List.of(), bought),
                Instant.parse("2026-11-28T00:00:00Z")).outcome()).isEqualTo(Outcome.BLOCK);
    }

    @Test
    void caslExpressConsentHasNoExpiryButAnUnsubscribeEndsItAtOnce() {
        ConsentFact optIn = new ConsentFact("c-1", "EMAIL_OPT_IN", Channel.EMAIL,
                Instant.parse("2019-01-01T00:00:00Z"), null);
        Facts facts = emailFacts(where("CA", null, null), null, optIn);

        assertThat(casl.evaluate(email(), facts, NOW).outcome()).isEqualTo(Outcome.PASS);
        RuleResult unsubscribed = casl.evaluate(email(), facts.withSuppressions(List.of(
                new SuppressionHit(SuppressionReason.UNSUBSCRIBE, "runtime", "address"))), NOW);
        assertThat(unsubscribed.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(unsubscribed.detail()).contains("unsubscribed or objected");
    }

    @Test
    void caslDoesNotReachAUsRecipientNorCallsNorTransactionalMail() {
        Facts us = emailFacts(where("US", "+13055550123", "ann@example.com"), null);
        assertThat(casl.evaluate(email(), us, NOW).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        Facts canada = emailFacts(where("CA", null, null), null);
        assertThat(casl.evaluate(Attempt.email("ann@shop.ca", Purpose.TRANSACTIONAL, "lead-1", "receipt"), canada,
                NOW).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        Attempt call = new Attempt(Channel.CALL, Purpose.TELEMARKETING, "+14165550123", "lead-1", null, null, null,
                false);
        assertThat(casl.evaluate(call, canada, NOW).outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
    }

    @Test
    void withJurisdictionUndeterminedEveryForeignRuleAppliesFailClosed() {
        Facts unknown = Facts.none();
        assertThat(casl.evaluate(email(), unknown, NOW).outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(uwg.evaluate(email(), unknown, NOW).outcome()).isEqualTo(Outcome.BLOCK);
        RuleResult r = spam.evaluate(email(), unknown, NOW);
        assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(r.detail()).contains("jurisdiction not determined, treated as under the Spam Act 2003 (fail closed)");
    }

    @Test
    void swissUwgBlocksAProspectAndLetsACustomerWhoHasNotRefused() {
        JurisdictionFact swiss = where(null, "+41446681800", null);
        Facts prospect = emailFacts(swiss, lead(LeadSource.EVENT, Stage.ENGAGEMENT, null, NOW));
        RuleResult blocked = uwg.evaluate(email(), prospect, NOW);
        assertThat(blocked.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(blocked.rule()).isEqualTo("ch.uwg-consent");
        assertThat(blocked.citation()).isEqualTo("Swiss UWG Art 3(1)(o)");
        assertThat(blocked.detail()).contains("not a customer", "under Swiss UWG: phone number region CH (+41)");

        Facts customer = emailFacts(swiss, lead(LeadSource.EVENT, Stage.POST_SALE, LeadOutcome.WON, NOW));
        RuleResult passed = uwg.evaluate(email(), customer, NOW);
        assertThat(passed.outcome()).isEqualTo(Outcome.PASS);
        assertThat(passed.detail()).startsWith("customer exception: lead lead-1 outcome WON");

        RuleResult refused = uwg.evaluate(email(), customer.withSuppressions(List.of(
                new SuppressionHit(SuppressionReason.OBJECTION, "runtime", "address"))), NOW);
        assertThat(refused.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(refused.detail()).contains("refused further advertising");
    }

    @Test
    void australianSpamActNeedsExpressConsentAndDoesNotInferIt() {
        JurisdictionFact au = where("AU", null, null);
        Facts customer = emailFacts(au, lead(LeadSource.INQUIRY, Stage.POST_SALE, LeadOutcome.WON, NOW));
        RuleResult r = spam.evaluate(email(), customer, NOW);
        assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(r.rule()).isEqualTo("au.spam-consent");
        assertThat(r.citation()).isEqualTo("Spam Act 2003 ss 16-18");
        assertThat(r.detail()).contains("inferred consent is not accepted", "under the Spam Act 2003: lead country AU");

        String sydney = "+61291234567";
        ConsentFact written = new ConsentFact("c-2", "TCPA_WRITTEN", Channel.SMS, NOW.minusSeconds(60), null);
        ConsentFact express = new ConsentFact("c-3", "TCPA_EXPRESS", Channel.SMS, NOW.minusSeconds(60), null);
        assertThat(spam.evaluate(text(sydney), textFacts(where(null, sydney, null), sydney, null, List.of(written),
                List.of()), NOW).outcome()).isEqualTo(Outcome.PASS);
        assertThat(spam.evaluate(text(sydney), textFacts(where(null, sydney, null), sydney, null, List.of(express),
                List.of()), NOW).outcome()).isEqualTo(Outcome.BLOCK);
    }
}
