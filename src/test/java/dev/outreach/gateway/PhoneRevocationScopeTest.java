package dev.outreach.gateway;

import dev.outreach.policy.Channel;
import dev.outreach.policy.ConsentFact;
import dev.outreach.policy.RevocationFact;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which channel a do-not-call request named, as the consent ledger shows it. */
class PhoneRevocationScopeTest {

    private static final Instant GIVEN = Instant.parse("2026-11-01T12:00:00Z");
    private static final Instant REQUEST = Instant.parse("2026-12-01T12:00:00Z");

    private static ConsentFact consent(String id, Channel channel, Instant revokedAt) {
        return new ConsentFact(id, "TCPA_EXPRESS", channel, GIVEN, revokedAt);
    }

    @Test
    void aRequestThatRevokedTextsWhileCallConsentStayedInForceNamedTextsOnly() {
        List<RevocationFact> r = PhoneFactGatherer.revocations(List.of(REQUEST),
                List.of(consent("sms", Channel.SMS, REQUEST), consent("call", Channel.CALL, null)));

        assertThat(r).containsExactlyInAnyOrder(new RevocationFact(REQUEST, Channel.SMS),
                new RevocationFact(REQUEST, Channel.SMS));
    }

    @Test
    void aRequestThatRevokedBothChannelsNamedNone() {
        List<RevocationFact> r = PhoneFactGatherer.revocations(List.of(REQUEST),
                List.of(consent("sms", Channel.SMS, REQUEST), consent("call", Channel.CALL, REQUEST)));

        assertThat(r).contains(new RevocationFact(REQUEST, null));
    }

    @Test
    void aRequestThatRevokedNothingCoversBothChannels() {
        List<RevocationFact> r = PhoneFactGatherer.revocations(List.of(REQUEST),
                List.of(consent("call", Channel.CALL, null)));

        assertThat(r).containsExactly(new RevocationFact(REQUEST, null));
    }

    @Test
    void aRequestWhoseScopeTheLedgerCannotShowCoversBothChannels() {
        // texts revoked, but no call consent was in force to show that calls were left alone
        List<RevocationFact> r = PhoneFactGatherer.revocations(List.of(REQUEST),
                List.of(consent("sms", Channel.SMS, REQUEST)));

        assertThat(r).contains(new RevocationFact(REQUEST, null));
    }
}
