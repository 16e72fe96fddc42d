package dev.outreach.policy.tcpa;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Outcome;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RelationshipFact;
import dev.outreach.policy.Rule;
import dev.outreach.policy.RuleResult;
import dev.outreach.policy.SuppressionHit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The do-not-call and consent rules, judged at one fixed instant. */
class DncAndConsentRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T14:05:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private static final String NUMBER = "+13055550123";

    private final Rule companyDnc = new CompanyDncRule();
    private final Rule nationalDnc = new NationalDncRule();
    private final Rule fresh = new DncDataFreshRule();
    private final Rule consent = new ConsentRule();

    /** A builder of phone facts: a fresh registry download, the number not on it, nothing else. */
    private static final class Phone {
        boolean nanp = true;
        boolean wireless = true;
        LocalDate registryAsOf = TODAY.minusDays(3);
        boolean onRegistry;
        final List<SuppressionHit> companyDnc = new ArrayList<>();
        Instant lastDncRequestAt;
        final List<ConsentFact> consents = new ArrayList<>();
        final List<RelationshipFact> relationships = new ArrayList<>();

        Phone verifiedLandline() {
            wireless = false;
            return this;
        }

        Phone registered() {
            onRegistry = true;
            return this;
        }

        Phone consent(String kind, Channel channel, Instant capturedAt, Instant revokedAt) {
            consents.add(new ConsentFact("c-" + consents.size(), kind, channel, capturedAt, revokedAt));
            return this;
        }

        Phone relationship(String kind, Instant at) {
            relationships.add(new RelationshipFact(kind, at));
            return this;
        }

        Facts facts() {
            return Facts.none().withPhone(new PhoneFacts(NUMBER, nanp, Set.of(ZoneId.of("America/New_York")),
                    Set.of("FL"), wireless, registryAsOf, onRegistry, companyDnc, lastDncRequestAt, consents,
                    relationships));
        }
    }

    private static Instant monthsAgo(int months) {
        return NOW.atZone(ZoneOffset.UTC).minusMonths(months).toInstant();
    }

    private static Attempt call(Purpose purpose, Dialer dialer) {
        return new Attempt(Channel.CALL, purpose, NUMBER, "lead-1", null, dialer, null, false);
    }

    private static Attempt text(Purpose purpose) {
        return new Attempt(Channel.SMS, purpose, NUMBER, "lead-1", null, null, null, false);
    }

    private static Attempt liveTelemarketingCall() {
        return call(Purpose.TELEMARKETING, Dialer.MANUAL);
    }

    @Nested
    class NationalRegistry {

        @Test
        void aRegisteredNumberWithAnInquiryTwoMonthsAgoIsExemptAndTheExemptionIsNamed() {
            Instant inquiry = Instant.parse("2026-09-27T10:00:00Z");
            RuleResult r = nationalDnc.evaluate(liveTelemarketingCall(),
                    new Phone().registered().relationship("INQUIRY", inquiry).facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.PASS);
            assertThat(r.detail()).startsWith("on registry; exempt: inquiry on 2026-09-27 (within 3 months)");
        }

        @Test
        void anInquiryFourMonthsAgoNoLongerExemptsARegisteredNumber() {
            RuleResult r = nationalDnc.evaluate(liveTelemarketingCall(),
                    new Phone().registered().relationship("INQUIRY", monthsAgo(4)).facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.rule()).isEqualTo("tcpa.national-dnc");
            assertThat(r.citation()).isEqualTo("47 CFR 64.1200(c)(2); 16 CFR 310.4(b)(1)(iii)(B)");
        }

        @Test
        void aPurchaseSeventeenMonthsAgoExemptsARegisteredNumber() {
            RuleResult r = nationalDnc.evaluate(liveTelemarketingCall(),
                    new Phone().registered().relationship("PURCHASE", monthsAgo(17)).facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.PASS);
            assertThat(r.detail()).contains("exempt: purchase on").contains("(within 18 months)");
        }

        @Test
        void aPurchaseNineteenMonthsAgoNoLongerExemptsARegisteredNumber() {
            RuleResult r = nationalDnc.evaluate(liveTelemarketingCall(),
                    new Phone().registered().relationship("PURCHASE", monthsAgo(19)).facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        }

        @Test
        void aCompanyDoNotCallRequestAfterThePurchaseEndsTheRelationship() {
            Phone phone = new Phone().registered().relationship("PURCHASE", monthsAgo(2));
            phone.lastDncRequestAt = monthsAgo(1);

            RuleResult r = nationalDnc.evaluate(liveTelemarketingCall(), phone.facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.detail()).contains("ended with the do-not-call request");
        }

        @Test
        void writtenConsentForTheNumberExemptsARegisteredNumber() {
            RuleResult r = nationalDnc.evaluate(liveTelemarketingCall(),
                    new Phone().registered().consent("TCPA_WRITTEN", Channel.CALL, monthsAgo(30), null).facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.PASS);
            assertThat(r.detail()).contains("exempt: written consent c-0");
        }

        @Test
        void expressConsentDoesNotExemptARegisteredNumber() {
            RuleResult r = nationalDnc.evaluate(liveTelemarketingCall(),
                    new Phone().registered().consent("TCPA_EXPRESS", Channel.CALL, monthsAgo(1), null).facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        }

        @Test
        void aNumberNotOnTheRegistryPasses() {
            RuleResult r = nationalDnc.evaluate(liveTelemarketingCall(), new Phone().facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.PASS);
            assertThat(r.detail()).startsWith("not on the national registry");
        }

        @Test
        void missingRegistryDataBlocksUnlessExempt() {
            Phone phone = new Phone();
            phone.registryAsOf = null;

            assertThat(nationalDnc.evaluate(liveTelemarketingCall(), phone.facts(), NOW).outcome())
                    .isEqualTo(Outcome.BLOCK);
            phone.relationship("PURCHASE", monthsAgo(1));
            assertThat(nationalDnc.evaluate(liveTelemarketingCall(), phone.facts(), NOW).outcome())
                    .isEqualTo(Outcome.PASS);
        }

        @Test
        void informationalCallsAreNotTelephoneSolicitation() {
            RuleResult r = nationalDnc.evaluate(call(Purpose.INFORMATIONAL, Dialer.MANUAL),
                    new Phone().registered().facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        }
    }

    @Nested
    class RegistryFreshness {

        @Test
        void registryDataThirtyTwoDaysOldBlocks() {
            Phone phone = new Phone();
            phone.registryAsOf = TODAY.minusDays(32);

            RuleResult r = fresh.evaluate(liveTelemarketingCall(), phone.facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.rule()).isEqualTo("tcpa.dnc-data-fresh");
            assertThat(r.citation()).isEqualTo("47 CFR 64.1200(c)(2)(i)(D); 16 CFR 310.4(b)(3)(iv)");
            assertThat(r.detail()).contains("32 days");
        }

        @Test
        void registryDataThirtyOneDaysOldPasses() {
            Phone phone = new Phone();
            phone.registryAsOf = TODAY.minusDays(31);

            assertThat(fresh.evaluate(liveTelemarketingCall(), phone.facts(), NOW).outcome()).isEqualTo(Outcome.PASS);
        }

        @Test
        void missingRegistryDataBlocks() {
            Phone phone = new Phone();
            phone.registryAsOf = null;

            RuleResult r = fresh.evaluate(text(Purpose.MARKETING), phone.facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.detail()).contains("no national do-not-call registry data");
        }

        @Test
        void informationalTextsAndNonNorthAmericanNumbersDoNotNeedTheRegistry() {
            Phone phone = new Phone();
            phone.registryAsOf = null;
            assertThat(fresh.evaluate(text(Purpose.INFORMATIONAL), phone.facts(), NOW).outcome())
                    .isEqualTo(Outcome.NOT_APPLICABLE);
            phone.nanp = false;
            assertThat(fresh.evaluate(text(Purpose.MARKETING), phone.facts(), NOW).outcome())
                    .isEqualTo(Outcome.NOT_APPLICABLE);
        }
    }

    @Nested
    class Consent {

        @Test
        void autodialedTelemarketingWithoutWrittenConsentIsBlocked() {
            RuleResult r = consent.evaluate(call(Purpose.TELEMARKETING, Dialer.AUTODIALED), new Phone().facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.rule()).isEqualTo("tcpa.consent");
            assertThat(r.detail()).contains("prior express written consent").contains("treated as wireless");
        }

        @Test
        void autodialedTelemarketingWithOnlyExpressConsentIsBlocked() {
            RuleResult r = consent.evaluate(call(Purpose.TELEMARKETING, Dialer.AUTODIALED),
                    new Phone().consent("TCPA_EXPRESS", Channel.CALL, monthsAgo(1), null).facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.detail()).contains("only TCPA_EXPRESS");
        }

        @ParameterizedTest
        @EnumSource(value = Dialer.class, names = {"AUTODIALED", "PRERECORDED"})
        void automatedTelemarketingWithWrittenConsentPasses(Dialer dialer) {
            RuleResult r = consent.evaluate(call(Purpose.TELEMARKETING, dialer),
                    new Phone().consent("TCPA_WRITTEN", Channel.CALL, monthsAgo(1), null).facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.PASS);
            assertThat(r.detail()).contains("TCPA_WRITTEN consent c-0");
        }

        @Test
        void revokedWrittenConsentNoLongerCounts() {
            RuleResult r = consent.evaluate(call(Purpose.TELEMARKETING, Dialer.AUTODIALED),
                    new Phone().consent("TCPA_WRITTEN", Channel.CALL, monthsAgo(3), NOW.minus(Duration.ofDays(1)))
                            .facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.detail()).contains("revoked on 2026-11-26");
        }

        @Test
        void aDoNotCallRequestWithdrawsConsentGivenBeforeIt() {
            Phone phone = new Phone().consent("TCPA_WRITTEN", Channel.CALL, monthsAgo(3), null);
            phone.lastDncRequestAt = monthsAgo(1);

            RuleResult r = consent.evaluate(call(Purpose.TELEMARKETING, Dialer.AUTODIALED), phone.facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.detail()).contains("withdrew it");
        }

        @Test
        void consentForTextsDoesNotCoverCalls() {
            RuleResult r = consent.evaluate(call(Purpose.TELEMARKETING, Dialer.AUTODIALED),
                    new Phone().consent("TCPA_WRITTEN", Channel.SMS, monthsAgo(1), null).facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        }

        @Test
        void informationalAutodialedCallWithExpressConsentPasses() {
            RuleResult r = consent.evaluate(call(Purpose.INFORMATIONAL, Dialer.AUTODIALED),
                    new Phone().consent("TCPA_EXPRESS", Channel.CALL, monthsAgo(1), null).facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.PASS);
        }

        @Test
        void informationalAutodialedCallWithoutConsentIsBlocked() {
            RuleResult r = consent.evaluate(call(Purpose.INFORMATIONAL, Dialer.AUTODIALED), new Phone().facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.citation()).isEqualTo("47 USC 227(b)(1)(A)(iii); 47 CFR 64.1200(a)(1)(iii)");
        }

        @Test
        void manualTelemarketingCallNeedsNoConsent() {
            RuleResult r = consent.evaluate(liveTelemarketingCall(), new Phone().facts(), NOW);

            assertThat(r.blocks()).isFalse();
            assertThat(r.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        }

        @Test
        void aCallWhoseDialerIsNotStatedIsJudgedAsAutodialed() {
            RuleResult r = consent.evaluate(call(Purpose.TELEMARKETING, null), new Phone().facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.detail()).contains("dialer not stated");
        }

        @Test
        void marketingTextNeedsWrittenConsent() {
            assertThat(consent.evaluate(text(Purpose.MARKETING),
                    new Phone().consent("TCPA_EXPRESS", Channel.SMS, monthsAgo(1), null).facts(), NOW).outcome())
                    .isEqualTo(Outcome.BLOCK);
            assertThat(consent.evaluate(text(Purpose.MARKETING),
                    new Phone().consent("TCPA_WRITTEN", Channel.SMS, monthsAgo(1), null).facts(), NOW).outcome())
                    .isEqualTo(Outcome.PASS);
        }

        @Test
        void theEstablishedBusinessRelationshipNeverReplacesWrittenConsent() {
            RuleResult r = consent.evaluate(text(Purpose.MARKETING),
                    new Phone().relationship("PURCHASE", monthsAgo(1)).facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        }

        @Test
        void consentCapturedAfterTheInstantJudgedDoesNotCount() {
            RuleResult r = consent.evaluate(text(Purpose.INFORMATIONAL),
                    new Phone().consent("TCPA_EXPRESS", Channel.SMS, NOW.plusSeconds(60), null).facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        }
    }

    @Nested
    class CompanyList {

        @Test
        void aCompanyDoNotCallEntryBlocksTelemarketing() {
            Phone phone = new Phone();
            phone.companyDnc.add(new SuppressionHit(SuppressionReason.DNC_REQUEST, "runtime:call-outcome", "NUMBER"));

            RuleResult r = companyDnc.evaluate(liveTelemarketingCall(), phone.facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.rule()).isEqualTo("tcpa.company-dnc");
            assertThat(r.detail()).contains("DNC_REQUEST (runtime:call-outcome)");
        }

        @Test
        void aListFileEntryBlocksMarketingTexts() {
            Phone phone = new Phone();
            phone.companyDnc.add(new SuppressionHit(SuppressionReason.LIST, "phone/example.txt", "NUMBER"));

            assertThat(companyDnc.evaluate(text(Purpose.MARKETING), phone.facts(), NOW).outcome())
                    .isEqualTo(Outcome.BLOCK);
        }

        @Test
        void informationalTouchesPassWithANote() {
            Phone phone = new Phone();
            phone.companyDnc.add(new SuppressionHit(SuppressionReason.DNC_REQUEST, "runtime:api", "NUMBER"));

            RuleResult r = companyDnc.evaluate(text(Purpose.INFORMATIONAL), phone.facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.PASS);
            assertThat(r.detail()).contains("note: the number is on it");
        }

        @Test
        void anUnreadablePhoneListBlocksTelemarketing() {
            Facts facts = new Phone().facts().withUnreadableLists(List.of("phone/broken.xlsx"));

            RuleResult r = companyDnc.evaluate(liveTelemarketingCall(), facts, NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.detail()).contains("phone/broken.xlsx");
        }

        @Test
        void aNumberNotOnTheListPasses() {
            assertThat(companyDnc.evaluate(liveTelemarketingCall(), new Phone().facts(), NOW).outcome())
                    .isEqualTo(Outcome.PASS);
        }
    }

    @Nested
    class Scope {

        @Test
        void emailIsOutsideEveryTcpaRule() {
            Attempt email = Attempt.email("ann@example.org", Purpose.COMMERCIAL, "lead-1", "presentation-summary");
            for (Rule rule : List.of(companyDnc, nationalDnc, fresh, consent)) {
                assertThat(rule.evaluate(email, Facts.none(), NOW).outcome()).as(rule.id())
                        .isEqualTo(Outcome.NOT_APPLICABLE);
            }
        }

        @Test
        void aCallWithoutPhoneFactsIsBlockedByEveryTcpaRule() {
            for (Rule rule : List.of(companyDnc, nationalDnc, fresh, consent)) {
                RuleResult r = rule.evaluate(call(Purpose.TELEMARKETING, Dialer.AUTODIALED), Facts.none(), NOW);
                assertThat(r.outcome()).as(rule.id()).isEqualTo(Outcome.BLOCK);
                assertThat(r.detail()).contains("fail closed");
            }
        }
    }

    @Nested
    class LineType {

        @Test
        void aLiveAutodialedTelemarketingCallToAVerifiedLandlineNeedsNoConsentUnderThisRule() {
            RuleResult r = consent.evaluate(call(Purpose.TELEMARKETING, Dialer.AUTODIALED),
                    new Phone().verifiedLandline().facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
            assertThat(r.detail()).contains("verified landline");
        }

        @Test
        void aPrerecordedTelemarketingCallToAVerifiedLandlineStillNeedsWrittenConsent() {
            RuleResult r = consent.evaluate(call(Purpose.TELEMARKETING, Dialer.PRERECORDED),
                    new Phone().verifiedLandline().facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.detail()).contains("verified landline");
        }

        @Test
        void aCallWithNoStatedDialerToAVerifiedLandlineIsJudgedAsPossiblyPrerecorded() {
            RuleResult r = consent.evaluate(call(Purpose.TELEMARKETING, null), new Phone().verifiedLandline().facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        }

        @Test
        void anUnverifiedNumberIsTreatedAsWirelessForALiveAutodialedCall() {
            RuleResult r = consent.evaluate(call(Purpose.TELEMARKETING, Dialer.AUTODIALED), new Phone().facts(), NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.detail()).contains("treated as wireless");
        }
    }
}
