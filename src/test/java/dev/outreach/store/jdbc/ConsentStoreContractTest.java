package dev.outreach.store.jdbc;

import dev.outreach.policy.Channel;
import dev.outreach.store.Consent;
import dev.outreach.store.ConsentEvidence;
import dev.outreach.store.RevocationReview;
import dev.outreach.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the consent ledger and the revocation reviews promise on every database. Each test gets a
 * fresh, empty database from the subclass.
 */
abstract class ConsentStoreContractTest {

    static final Instant T0 = Instant.parse("2026-11-27T14:05:00Z");
    static final String KEY = "phone-key-1";

    protected Store store;
    private String url;

    /** A JDBC URL of a new, empty database. */
    protected abstract String freshDatabaseUrl() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        url = freshDatabaseUrl();
        store = JdbcStore.open(url, null, null);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected String url() {
        return url;
    }

    static Consent consent(String id, Channel channel, String kind, String key, Instant capturedAt) {
        return new Consent(id, channel, kind, key, "+13055550123",
                new ConsentEvidence("I agree to receive marketing calls and texts from Acme at this number. "
                        + "Consent is not a condition of purchase.", "web-form:pricing", capturedAt, "203.0.113.7",
                        "Mozilla/5.0", "https://acme.example/pricing", "WEB_FORM"),
                capturedAt.plusSeconds(5), null, null);
    }

    static RevocationReview review(String id, String key, Instant at) {
        return new RevocationReview(id, key, "+13055550123", "please stpo texting me", "stpo", at,
                RevocationReview.OPEN, "supp-" + id, null, null);
    }

    @Test
    void aConsentReadsBackWithAllItsEvidence() {
        Consent c = consent("c-1", Channel.SMS, "TCPA_WRITTEN", KEY, T0);
        store.consents().add(c);

        assertThat(store.consents().find("c-1")).contains(c);
        assertThat(store.consents().findByKey(KEY)).containsExactly(c);
        assertThat(store.consents().find("nope")).isEmpty();
        assertThat(store.consents().findByKey("other-key")).isEmpty();
    }

    @Test
    void consentsAreKeptAfterTheStoreIsReopened() {
        Consent c = consent("c-1", Channel.CALL, "TCPA_EXPRESS", KEY, T0);
        store.consents().add(c);
        store.close();

        store = JdbcStore.open(url(), null, null);
        assertThat(store.consents().find("c-1")).contains(c);
    }

    @Test
    void activeConsentsAreThoseCapturedAndNotRevokedAtTheInstant() {
        store.consents().add(consent("early", Channel.CALL, "TCPA_WRITTEN", KEY, T0));
        store.consents().add(consent("later", Channel.SMS, "TCPA_WRITTEN", KEY, T0.plus(Duration.ofDays(2))));
        store.consents().revokeAll(KEY, Channel.CALL, T0.plus(Duration.ofDays(1)), "api");

        assertThat(store.consents().findActiveByKey(KEY, T0.plusSeconds(1))).extracting(Consent::id)
                .containsExactly("early");
        assertThat(store.consents().findActiveByKey(KEY, T0.plus(Duration.ofDays(3)))).extracting(Consent::id)
                .containsExactly("later");
        assertThat(store.consents().findByKey(KEY)).hasSize(2);
    }

    @Test
    void revokeAllOnOneChannelLeavesTheOthers() {
        store.consents().add(consent("call", Channel.CALL, "TCPA_WRITTEN", KEY, T0));
        store.consents().add(consent("sms", Channel.SMS, "TCPA_WRITTEN", KEY, T0));
        store.consents().add(consent("other", Channel.SMS, "TCPA_WRITTEN", "other-key", T0));
        Instant at = T0.plus(Duration.ofHours(1));

        assertThat(store.consents().revokeAll(KEY, Channel.SMS, at, "sms-keyword")).isEqualTo(1);

        Consent sms = store.consents().find("sms").orElseThrow();
        assertThat(sms.revokedAt()).isEqualTo(at);
        assertThat(sms.revokedVia()).isEqualTo("sms-keyword");
        assertThat(store.consents().find("call").orElseThrow().revoked()).isFalse();
        assertThat(store.consents().find("other").orElseThrow().revoked()).isFalse();
    }

    @Test
    void revokeAllWithoutAChannelRevokesEveryConsentOfTheNumberAndKeepsEarlierRevocations() {
        store.consents().add(consent("call", Channel.CALL, "TCPA_WRITTEN", KEY, T0));
        store.consents().add(consent("sms", Channel.SMS, "TCPA_EXPRESS", KEY, T0));
        Instant first = T0.plus(Duration.ofHours(1));
        store.consents().revokeAll(KEY, Channel.CALL, first, "api");

        assertThat(store.consents().revokeAll(KEY, null, T0.plus(Duration.ofHours(2)), "call-outcome")).isEqualTo(1);

        Consent call = store.consents().find("call").orElseThrow();
        assertThat(call.revokedAt()).isEqualTo(first);
        assertThat(call.revokedVia()).isEqualTo("api");
        assertThat(store.consents().find("sms").orElseThrow().revokedVia()).isEqualTo("call-outcome");
    }

    @Test
    void aProvisionalRevocationCanBeLiftedButADefinitiveOneSettlesIt() {
        store.consents().add(consent("a", Channel.SMS, "TCPA_WRITTEN", KEY, T0));
        store.consents().add(consent("b", Channel.CALL, "TCPA_WRITTEN", KEY, T0));
        Instant provisional = T0.plus(Duration.ofHours(1));
        assertThat(store.consents().revokeAll(KEY, null, provisional, "review:r-1")).isEqualTo(2);
        // a second review does not take over consents the first one holds
        assertThat(store.consents().revokeAll(KEY, null, provisional.plusSeconds(5), "review:r-2")).isZero();

        assertThat(store.consents().reinstate(KEY, "review:r-1")).isEqualTo(2);
        assertThat(store.consents().findActiveByKey(KEY, provisional.plusSeconds(10))).hasSize(2);

        store.consents().revokeAll(KEY, null, provisional, "review:r-3");
        assertThat(store.consents().revokeAll(KEY, Channel.SMS, provisional.plusSeconds(60), "sms-keyword"))
                .isEqualTo(1);
        Consent a = store.consents().find("a").orElseThrow();
        assertThat(a.revokedVia()).isEqualTo("sms-keyword");
        assertThat(a.revokedAt()).isEqualTo(provisional);
        assertThat(store.consents().reinstate(KEY, "review:r-3")).isEqualTo(1);
        assertThat(store.consents().find("a").orElseThrow().revoked()).isTrue();
        assertThat(store.consents().find("b").orElseThrow().revoked()).isFalse();
    }

    @Test
    void revocationsMoveFromOneReviewToAnother() {
        store.consents().add(consent("a", Channel.SMS, "TCPA_WRITTEN", KEY, T0));
        store.consents().revokeAll(KEY, null, T0.plusSeconds(60), "review:r-1");

        assertThat(store.consents().transferRevocations(KEY, "review:r-1", "review:r-2")).isEqualTo(1);

        assertThat(store.consents().reinstate(KEY, "review:r-1")).isZero();
        assertThat(store.consents().find("a").orElseThrow().revokedVia()).isEqualTo("review:r-2");
    }

    @Test
    void erasureForgetsTheReadableNumberAndOnlineIdentifiersButKeepsTheConsentFindableByKey() {
        store.consents().add(consent("a", Channel.SMS, "TCPA_WRITTEN", KEY, T0));
        store.consents().add(consent("other", Channel.SMS, "TCPA_WRITTEN", "other-key", T0));

        assertThat(store.consents().forgetValues(KEY)).isEqualTo(1);

        Consent a = store.consents().findByKey(KEY).get(0);
        assertThat(a.value()).isNull();
        assertThat(a.evidence().ip()).isNull();
        assertThat(a.evidence().userAgent()).isNull();
        assertThat(a.evidence().text()).startsWith("I agree");
        assertThat(store.consents().find("other").orElseThrow().value()).isEqualTo("+13055550123");
    }

    @Test
    void aReviewReadsBackAndListsByStatus() {
        RevocationReview r1 = review("r-1", KEY, T0);
        RevocationReview r2 = review("r-2", "other-key", T0.plusSeconds(1));
        store.revocationReviews().add(r1);
        store.revocationReviews().add(r2);

        assertThat(store.revocationReviews().find("r-1")).contains(r1);
        assertThat(store.revocationReviews().list(RevocationReview.OPEN, 0, 10)).containsExactly(r1, r2);
        assertThat(store.revocationReviews().list(null, 1, 10)).containsExactly(r2);
        assertThat(store.revocationReviews().openByKey(KEY)).containsExactly(r1);
    }

    @Test
    void clearingAReviewHappensOnce() {
        store.revocationReviews().add(review("r-1", KEY, T0));
        Instant at = T0.plus(Duration.ofMinutes(30));

        assertThat(store.revocationReviews().clear("r-1", at, "key:k1")).isTrue();
        assertThat(store.revocationReviews().clear("r-1", at.plusSeconds(1), "key:k2")).isFalse();
        assertThat(store.revocationReviews().clear("missing", at, "key:k1")).isFalse();

        RevocationReview cleared = store.revocationReviews().find("r-1").orElseThrow();
        assertThat(cleared.status()).isEqualTo(RevocationReview.CLEARED);
        assertThat(cleared.clearedAt()).isEqualTo(at);
        assertThat(cleared.clearedBy()).isEqualTo("key:k1");
        assertThat(store.revocationReviews().openByKey(KEY)).isEmpty();
        assertThat(store.revocationReviews().list(RevocationReview.OPEN, 0, 10)).isEmpty();
        assertThat(store.revocationReviews().list(RevocationReview.CLEARED, 0, 10)).hasSize(1);
    }

    @Test
    void concurrentClearsOfOneReviewLetExactlyOneWin() throws Exception {
        store.revocationReviews().add(review("r-1", KEY, T0));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String by = "key:" + i;
                tasks.add(() -> store.revocationReviews().clear("r-1", T0.plusSeconds(60), by));
            }
            long winners = 0;
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void erasureForgetsTheNumberAndMessageOfReviews() {
        store.revocationReviews().add(review("r-1", KEY, T0));

        assertThat(store.revocationReviews().forgetValues(KEY)).isEqualTo(1);

        RevocationReview r = store.revocationReviews().find("r-1").orElseThrow();
        assertThat(r.value()).isNull();
        assertThat(r.body()).isNull();
        assertThat(r.matched()).isEqualTo("stpo");
        assertThat(store.revocationReviews().openByKey(KEY)).hasSize(1);
    }
}
