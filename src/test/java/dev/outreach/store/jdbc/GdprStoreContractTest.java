package dev.outreach.store.jdbc;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.Qualification;
import dev.outreach.lead.Stage;
import dev.outreach.lead.StageTransition;
import dev.outreach.store.Touch;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.Verdict;
import dev.outreach.store.InactiveLead;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;
import dev.outreach.store.RevocationReview;
import dev.outreach.store.Store;
import dev.outreach.store.StoredResponse;
import dev.outreach.store.SuppressionEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * What the store promises for data-subject requests and storage limitation, on every database:
 * finding a subject's records, anonymising leads, forgetting readable values, and the inactive-lead
 * query. Each test gets a fresh, empty database from the subclass.
 */
abstract class GdprStoreContractTest {

    static final Instant T0 = Instant.parse("2026-11-27T14:05:00Z");
    static final Instant CUTOFF = T0.minus(Duration.ofDays(730));

    protected Store store;

    /** A JDBC URL of a new, empty database. */
    protected abstract String freshDatabaseUrl() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = JdbcStore.open(freshDatabaseUrl(), null, null);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static Lead lead(String id, String email, String phone, Instant createdAt) {
        return new Lead(id, email, phone, "Anna", "Schmidt", "Firma GmbH", "DE", "BY", "Europe/Berlin",
                Stage.ENGAGEMENT, null, "rep-1", LeadSource.WEB_FORM, new Qualification(true, false, true, false, true),
                createdAt, createdAt, createdAt);
    }

    private void create(Lead lead) throws Exception {
        store.leads().create(lead, new StageTransition(lead.id(), null, lead.stage(), null, lead.createdAt(), "test"));
    }

    private void touch(String id, String leadId, String key, Instant at) {
        store.touches().record(new Touch(id, leadId, key, Channel.EMAIL, Purpose.COMMERCIAL, Stage.ENGAGEMENT,
                "engagement-resources", Verdict.ALLOW, List.of(), "audit-" + id, "msg-" + id, false, at));
    }

    private static OutboxMessage message(String id, String leadId, String key) {
        return new OutboxMessage(id, leadId, "anna@firma.de", key, "Subject: hi\r\n\r\nHallo Anna".getBytes(
                StandardCharsets.UTF_8), OutboxStatus.SENT, 1, T0, null, T0, T0);
    }

    @Test
    void leadsWithContactAreFoundByEmailOrPhoneInIdOrder() throws Exception {
        create(lead("b", "anna@firma.de", null, T0));
        create(lead("a", null, "+4915112345678", T0));
        create(lead("c", "other@firma.de", "+4915112345679", T0));

        assertThat(store.leads().withContact(List.of("anna@firma.de"), List.of("+4915112345678")))
                .extracting(Lead::id).containsExactly("a", "b");
        assertThat(store.leads().withContact(List.of(), List.of())).isEmpty();
        assertThat(store.leads().withContact(List.of("nobody@firma.de"), List.of())).isEmpty();
    }

    @Test
    void anonymisingALeadClearsItsPersonalFieldsAndKeepsItsHistory() throws Exception {
        create(lead("lead-1", "anna@firma.de", "+4915112345678", T0));
        Lead before = store.leads().find("lead-1").orElseThrow();
        store.leads().transition(before.inStage(Stage.PRESENTATION, null, T0.plusSeconds(60)),
                new StageTransition("lead-1", Stage.ENGAGEMENT, Stage.PRESENTATION, null, T0.plusSeconds(60), "rep-1"));

        assertThat(store.leads().anonymise("lead-1", T0.plusSeconds(120))).isTrue();

        Lead after = store.leads().find("lead-1").orElseThrow();
        assertThat(after.email()).isNull();
        assertThat(after.phone()).isNull();
        assertThat(after.firstName()).isNull();
        assertThat(after.lastName()).isNull();
        assertThat(after.company()).isNull();
        assertThat(after.region()).isNull();
        assertThat(after.timeZone()).isNull();
        assertThat(after.country()).isEqualTo("DE");
        assertThat(after.stage()).isEqualTo(Stage.PRESENTATION);
        assertThat(after.owner()).isEqualTo("rep-1");
        assertThat(after.qualification()).isEqualTo(before.qualification());
        assertThat(after.updatedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(store.leads().transitions("lead-1")).hasSize(2);
        assertThat(store.leads().findByEmail("anna@firma.de")).isEmpty();
        assertThat(store.leads().anonymise("no-such-lead", T0)).isFalse();
    }

    @Test
    void inactiveLeadsAreThoseWithoutUpdateStageChangeOrTouchSinceTheCutoff() throws Exception {
        Instant old = CUTOFF.minus(Duration.ofDays(10));
        create(lead("idle", "idle@firma.de", null, old));
        create(lead("touched", "touched@firma.de", null, old));
        create(lead("moved", "moved@firma.de", null, old));
        create(lead("new", "new@firma.de", null, T0));
        create(lead("gone", "gone@firma.de", null, old));
        create(lead("touched-long-ago", "tla@firma.de", null, old));
        touch("t-1", "touched", "key-touched", CUTOFF.plusSeconds(1));
        touch("t-2", "touched-long-ago", "key-tla", old.plusSeconds(3600));
        Lead moved = store.leads().find("moved").orElseThrow();
        store.leads().transition(moved.inStage(Stage.PRESENTATION, null, CUTOFF.plusSeconds(5)),
                new StageTransition("moved", Stage.ENGAGEMENT, Stage.PRESENTATION, null, CUTOFF.plusSeconds(5), "rep"));
        store.leads().anonymise("gone", old);

        List<InactiveLead> inactive = store.leads().inactiveSince(CUTOFF, null, 100);

        assertThat(inactive).extracting(InactiveLead::leadId).containsExactly("idle", "touched-long-ago");
        assertThat(inactive.get(0).lastActivityAt()).isEqualTo(old);
        assertThat(inactive.get(0).stage()).isEqualTo(Stage.ENGAGEMENT);
        assertThat(inactive.get(1).lastActivityAt()).isEqualTo(old.plusSeconds(3600));
        assertThat(store.leads().inactiveSince(CUTOFF, null, 1)).extracting(InactiveLead::leadId)
                .containsExactly("idle");
        assertThat(store.leads().inactiveSince(CUTOFF, "idle", 100)).extracting(InactiveLead::leadId)
                .containsExactly("touched-long-ago");
    }

    @Test
    void anInactiveLeadKeepsItsOutcome() throws Exception {
        Instant old = CUTOFF.minus(Duration.ofDays(1));
        Lead won = new Lead("won", "won@firma.de", null, null, null, null, "FR", null, null, Stage.POST_SALE,
                LeadOutcome.WON, null, null, null, old, old, old);
        create(won);

        assertThat(store.leads().inactiveSince(CUTOFF, null, 10)).singleElement()
                .satisfies(l -> assertThat(l.outcome()).isEqualTo(LeadOutcome.WON));
    }

    @Test
    void touchesAreFoundByRecipientPseudonymOldestFirst() {
        touch("t-2", "lead-1", "key-1", T0.plusSeconds(10));
        touch("t-1", null, "key-1", T0);
        touch("t-3", "lead-2", "key-2", T0);

        assertThat(store.touches().forRecipient("key-1")).extracting(Touch::id).containsExactly("t-1", "t-2");
        assertThat(store.touches().forRecipient("key-3")).isEmpty();
    }

    @Test
    void forgettingSuppressionValuesKeepsThePersonSuppressed() {
        store.suppressions().add(new SuppressionEntry("s-1", "EMAIL", "anna@firma.de", "key-1", SuppressionReason.UNSUBSCRIBE,
                "one-click", T0));
        store.suppressions().add(new SuppressionEntry("s-2", "EMAIL", null, "key-1", SuppressionReason.BOUNCE, "smtp", T0));
        store.suppressions().add(new SuppressionEntry("s-3", "PHONE", "+4915112345678", "key-2", SuppressionReason.DNC_REQUEST,
                "api", T0));

        assertThat(store.suppressions().forgetValues("key-1")).isEqualTo(1);

        assertThat(store.suppressions().findByKey("EMAIL", "key-1")).extracting(SuppressionEntry::id,
                SuppressionEntry::value).containsExactly(tuple("s-1", null),
                tuple("s-2", null));
        assertThat(store.suppressions().find("s-3").orElseThrow().value()).isEqualTo("+4915112345678");
        assertThat(store.suppressions().forgetValues("key-1")).isZero();
    }

    @Test
    void outboxMessagesAreFoundAndDeletedByRecipientAndByLead() {
        store.outbox().enqueue(message("m-1", "lead-1", "key-1"));
        store.outbox().enqueue(message("m-2", null, "key-1"));
        store.outbox().enqueue(message("m-3", "lead-1", "key-old"));
        store.outbox().enqueue(message("m-4", "lead-2", "key-2"));

        assertThat(store.outbox().forRecipient("key-1")).extracting(OutboxMessage::messageId)
                .containsExactly("m-1", "m-2");
        assertThat(store.outbox().forLead("lead-1")).extracting(OutboxMessage::messageId)
                .containsExactly("m-1", "m-3");

        assertThat(store.outbox().deleteForLead("lead-1")).isEqualTo(2);
        assertThat(store.outbox().find("m-1")).isEmpty();
        assertThat(store.outbox().find("m-3")).isEmpty();
        assertThat(store.outbox().find("m-2")).isPresent();
        assertThat(store.outbox().find("m-4")).isPresent();
    }

    @Test
    void storedResponsesMentioningTheSubjectAreFoundAndForgottenByExactSubstring() {
        save("k-1", "{\"id\":\"lead-1\",\"email\":\"anna@firma.de\"}");
        save("k-2", "{\"recipient\":\"+4915112345678\",\"decision\":\"BLOCK\"}");
        save("k-3", "{\"email\":\"ANNA@FIRMA.DE\"}");
        save("k-4", "{\"email\":\"annaXfirma.de\"}");
        save("k-5", "{\"email\":\"a_n%a@firma.de\"}");
        save("k-6", "{\"email\":\"abn%a@firma.de\"}");

        assertThat(store.idempotency().containing(List.of("anna@firma.de", "+4915112345678")))
                .extracting(StoredResponse::key).containsExactly("k-1", "k-2");
        assertThat(store.idempotency().containing(List.of("a_n%a@firma.de"))).extracting(StoredResponse::key)
                .as("LIKE wildcards in the fragment are literal").containsExactly("k-5");
        assertThat(store.idempotency().containing(List.of())).isEmpty();

        assertThat(store.idempotency().forgetContaining(List.of("anna@firma.de", "+4915112345678"))).isEqualTo(2);

        assertThat(store.idempotency().find("k-1")).isEmpty();
        assertThat(store.idempotency().find("k-2")).isEmpty();
        assertThat(store.idempotency().find("k-3")).isPresent();
        assertThat(store.idempotency().find("k-4")).isPresent();
        assertThat(store.idempotency().forgetContaining(List.of())).isZero();
    }

    private void save(String key, String body) {
        store.idempotency().saveIfAbsent(new StoredResponse(key, "hash-" + key, 200, "application/json", body,
                T0.plusSeconds(Integer.parseInt(key.substring(2)))));
    }

    @Test
    void revocationReviewsOfANumberAreFoundWhateverTheirStatus() {
        store.revocationReviews().add(new RevocationReview("r-1", "key-1", "+4915112345678", "bitte stopp", "stopp",
                T0, RevocationReview.OPEN, "s-1", null, null));
        store.revocationReviews().add(new RevocationReview("r-2", "key-1", "+4915112345678", "stpo", "stpo",
                T0.plusSeconds(5), RevocationReview.OPEN, "s-2", null, null));
        store.revocationReviews().add(new RevocationReview("r-3", "key-2", "+4915112345679", "stop", "stop", T0,
                RevocationReview.OPEN, "s-3", null, null));
        store.revocationReviews().clear("r-1", T0.plusSeconds(60), "key:officer");

        assertThat(store.revocationReviews().findByKey("key-1")).extracting(RevocationReview::id,
                RevocationReview::status).containsExactly(tuple("r-1", "CLEARED"),
                tuple("r-2", "OPEN"));
        assertThat(store.revocationReviews().findByKey("key-9")).isEmpty();
    }
}
