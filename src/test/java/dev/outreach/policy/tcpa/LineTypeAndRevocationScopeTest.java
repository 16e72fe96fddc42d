package dev.outreach.policy.tcpa;

import dev.outreach.lead.LineType;
import dev.outreach.policy.Attempt;
import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Facts;
import dev.outreach.policy.Outcome;
import dev.outreach.policy.PhoneFacts;
import dev.outreach.policy.PolicySettings;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.RevocationFact;
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
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What a lead's line type changes for the registry rules, and the dated scope of a revocation. */
class LineTypeAndRevocationScopeTest {

    private static final String NUMBER = "+13055550123";
    private static final Instant NOW = Instant.parse("2026-11-27T15:00:00Z");

    private static PhoneFacts phone(LocalDate registryAsOf, boolean onRegistry, List<SuppressionHit> companyDnc,
                                    List<ConsentFact> consents) {
        return new PhoneFacts(NUMBER, true, Set.of(ZoneId.of("America/New_York")), Set.of("FL"), true, registryAsOf,
                onRegistry, companyDnc, null, consents, List.of());
    }

    private static Attempt call(Purpose purpose, Dialer dialer) {
        return new Attempt(Channel.CALL, purpose, NUMBER, "lead-1", null, dialer, null, false);
    }

    @Nested
    class LineTypes {

        private final PhoneFacts registered = phone(LocalDate.of(2026, 11, 20), true, List.of(), List.of());

        @Test
        void aBusinessLineOnTheRegistryIsOutsideTheNationalDncRule() {
            Facts facts = Facts.none().withPhone(registered.withLineType(LineType.BUSINESS));

            RuleResult r = new NationalDncRule().evaluate(call(Purpose.TELEMARKETING, Dialer.MANUAL), facts, NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
            assertThat(r.detail()).contains("BUSINESS line", "64.1200(c)(2), (e)", "company do-not-call list");
        }

        @ParameterizedTest
        @EnumSource(value = LineType.class, names = {"RESIDENTIAL", "WIRELESS", "UNKNOWN"})
        void residentialWirelessAndUnknownLinesOnTheRegistryAreBlocked(LineType type) {
            Facts facts = Facts.none().withPhone(registered.withLineType(type));

            RuleResult r = new NationalDncRule().evaluate(call(Purpose.TELEMARKETING, Dialer.MANUAL), facts, NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.rule()).isEqualTo(NationalDncRule.ID);
        }

        @Test
        void aBusinessLineIsNeverExemptFromTheCompanyList() {
            PhoneFacts onCompanyList = phone(LocalDate.of(2026, 11, 20), true,
                    List.of(new SuppressionHit(dev.outreach.policy.SuppressionReason.DNC_REQUEST, "runtime:api", "number")), List.of());
            Facts facts = Facts.none().withPhone(onCompanyList.withLineType(LineType.BUSINESS));

            RuleResult r = new CompanyDncRule().evaluate(call(Purpose.TELEMARKETING, Dialer.MANUAL), facts, NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.rule()).isEqualTo(CompanyDncRule.ID);
        }

        @Test
        void aBusinessLineStillNeedsConsentForAnAutodialedCall() {
            Facts facts = Facts.none().withPhone(registered.withLineType(LineType.BUSINESS));

            RuleResult r = new ConsentRule().evaluate(call(Purpose.TELEMARKETING, Dialer.AUTODIALED), facts, NOW);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.rule()).isEqualTo(ConsentRule.ID);
        }

        @Test
        void staleRegistryDataDoesNotMatterForABusinessLineButDoesForAnUnknownOne() {
            PhoneFacts stale = phone(LocalDate.of(2026, 9, 1), false, List.of(), List.of());
            Attempt attempt = call(Purpose.TELEMARKETING, Dialer.MANUAL);

            RuleResult business = new DncDataFreshRule().evaluate(attempt,
                    Facts.none().withPhone(stale.withLineType(LineType.BUSINESS)), NOW);
            RuleResult unknown = new DncDataFreshRule().evaluate(attempt, Facts.none().withPhone(stale), NOW);

            assertThat(business.outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
            assertThat(unknown.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(unknown.rule()).isEqualTo(DncDataFreshRule.ID);
        }
    }

    @Nested
    class RevokeAllScope {

        private static final Instant CALL_CONSENT = Instant.parse("2026-10-01T12:00:00Z");
        private static final Instant TEXTS_REVOKED = Instant.parse("2026-12-01T12:00:00Z");
        /** 2027-01-31 begins at 00:00 UTC+14:00, which is 2027-01-30T10:00Z. */
        private static final Instant FIRST_INSTANT = Instant.parse("2027-01-30T10:00:00Z");

        private final Attempt informationalRobocall = call(Purpose.INFORMATIONAL, Dialer.AUTODIALED);

        /** An express consent to calls; the person later revoked texts only. */
        private Facts factsWith(RevocationFact revocation) {
            return Facts.none().withPhone(phone(null, false, List.of(),
                    List.of(new ConsentFact("call-consent", "TCPA_EXPRESS", Channel.CALL, CALL_CONSENT, null)))
                    .withRevocations(List.of(revocation)));
        }

        private RuleResult judge(ConsentRule rule, Facts facts, Instant at) {
            return rule.evaluate(informationalRobocall, facts, at);
        }

        @Test
        void beforeTheDateARevocationOfTextsLeavesCallConsentInForce() {
            RuleResult r = judge(new ConsentRule(), factsWith(new RevocationFact(TEXTS_REVOKED, Channel.SMS)),
                    FIRST_INSTANT.minusSeconds(1));

            assertThat(r.outcome()).isEqualTo(Outcome.PASS);
            assertThat(r.detail()).contains("call-consent", "does not cover CALL before 2027-01-31");
        }

        @Test
        void fromTheDateARevocationOfTextsRevokesCallConsentToo() {
            RuleResult r = judge(new ConsentRule(), factsWith(new RevocationFact(TEXTS_REVOKED, Channel.SMS)),
                    FIRST_INSTANT);

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
            assertThat(r.rule()).isEqualTo(ConsentRule.ID);
            assertThat(r.detail()).contains("withdrew it", "since 2027-01-31 a revocation of one message type");
            assertThat(r.citation()).contains("64.1200(a)(10)", "FCC CGB order 2026-01-06");
        }

        @Test
        void aRevocationNamingNoChannelCoversCallsBeforeTheDate() {
            RuleResult r = judge(new ConsentRule(), factsWith(new RevocationFact(TEXTS_REVOKED, null)),
                    Instant.parse("2026-12-15T15:00:00Z"));

            assertThat(r.outcome()).isEqualTo(Outcome.BLOCK);
        }

        @Test
        void theDateIsASettingThatMovesTheChangeOver() {
            PolicySettings later = new PolicySettings(Set.of(), 0, Duration.ofDays(7), Duration.ofHours(24),
                    LocalDate.of(2027, 6, 1));
            Facts facts = factsWith(new RevocationFact(TEXTS_REVOKED, Channel.SMS));
            Instant march = Instant.parse("2027-03-01T15:00:00Z");

            assertThat(judge(new ConsentRule(later), facts, march).outcome()).isEqualTo(Outcome.PASS);
            assertThat(judge(new ConsentRule(), facts, march).outcome()).isEqualTo(Outcome.BLOCK);
        }

        @Test
        void aConsentGivenAfterTheRevocationCountsEitherSideOfTheDate() {
            Facts facts = Facts.none().withPhone(phone(null, false, List.of(), List.of(new ConsentFact("renewed",
                            "TCPA_EXPRESS", Channel.CALL, TEXTS_REVOKED.plusSeconds(60), null)))
                    .withRevocations(List.of(new RevocationFact(TEXTS_REVOKED, Channel.SMS))));

            assertThat(judge(new ConsentRule(), facts, FIRST_INSTANT.minusSeconds(1)).outcome()).isEqualTo(Outcome.PASS);
            assertThat(judge(new ConsentRule(), facts, FIRST_INSTANT).outcome()).isEqualTo(Outcome.PASS);
        }
    }
}
