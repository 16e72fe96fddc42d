package dev.outreach.store.jdbc;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.store.AuditChain;
import dev.outreach.audit.AuditVerifier;
import dev.outreach.audit.VerifyResult;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.LineType;
import dev.outreach.lead.Qualification;
import dev.outreach.lead.Stage;
import dev.outreach.lead.StageTransition;
import dev.outreach.store.Touch;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Dialer;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.Verdict;
import dev.outreach.store.ApiKey;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.DuplicateKeyException;
import dev.outreach.store.NewAuditEntry;
import dev.outreach.store.Outbox;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;
import dev.outreach.store.Store;
import dev.outreach.store.StoreException;
import dev.outreach.store.StoredResponse;
import dev.outreach.store.SuppressionEntry;
import dev.outreach.store.Suppressions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The behaviour every {@link Store} implementation promises. Each test gets a fresh, empty
 * database from the subclass.
 */
abstract class StoreContractTest {

    static final Instant T0 = Instant.parse("2026-11-27T14:05:00Z");

    protected Store store;
    private String url;

    /** A JDBC URL of a new, empty database. */
    protected abstract String freshDatabaseUrl() throws Exception;

    protected abstract String expectedDialect();

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

    /** Changes the database behind the store's back, as an attacker with SQL access could. */
    protected void executeSql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.executeUpdate(sql);
            }
        }
    }

    // ---- store ----

    @Test
    void theStoreAnswersAPingAndNamesItsDialect() {
        assertThat(store.ping()).isTrue();
        assertThat(store.dialect()).isEqualTo(expectedDialect());
    }

    // ---- leads ----

    @Test
    void aCreatedLeadIsFoundByIdEmailAndPhoneWithEveryField() throws Exception {
        Lead lead = new Lead("lead-1", "ann@example.com", "+13055550123", "Ann", "Lee", "Acme", "US", "FL",
                "America/New_York", Stage.LEAD_GENERATION, null, "rep-7", LeadSource.WEB_FORM,
                new Qualification(true, false, true, false, true), T0, T0.plusMillis(1), T0.plusMillis(2));

        store.leads().create(lead, new StageTransition("lead-1", null, Stage.LEAD_GENERATION, null, T0, "rep-7"));

        assertThat(store.leads().find("lead-1")).contains(lead);
        assertThat(store.leads().findByEmail("ann@example.com")).contains(lead);
        assertThat(store.leads().findByPhone("+13055550123")).contains(lead);
        assertThat(store.leads().find("lead-2")).isEmpty();
        assertThat(store.leads().transitions("lead-1"))
                .containsExactly(new StageTransition("lead-1", null, Stage.LEAD_GENERATION, null, T0, "rep-7"));
    }

    @Test
    void creatingALeadWithAnExistingIdThrowsDuplicateKeyAndKeepsTheFirst() throws Exception {
        Lead first = lead("lead-1", Stage.LEAD_GENERATION, "rep-1");
        create(first);

        Lead second = lead("lead-1", Stage.ENGAGEMENT, "rep-2");
        assertThatThrownBy(() -> create(second)).isInstanceOf(DuplicateKeyException.class)
                .hasMessageNotContaining("lead-1");

        assertThat(store.leads().find("lead-1")).contains(first);
        assertThat(store.leads().transitions("lead-1")).hasSize(1);
    }

    @Test
    void updateReplacesTheLeadsFieldsButNotItsStageHistory() throws Exception {
        create(lead("lead-1", Stage.LEAD_GENERATION, "rep-1"));
        Lead changed = new Lead("lead-1", "new@example.com", null, "Ann", "Moss", "Initech", "DE", null,
                "Europe/Berlin", Stage.LEAD_GENERATION, null, "rep-2", LeadSource.EVENT, Qualification.none(), T0,
                T0, T0.plusSeconds(60));

        store.leads().update(changed);

        assertThat(store.leads().find("lead-1")).contains(changed);
        assertThat(store.leads().transitions("lead-1")).hasSize(1);
    }

    @Test
    void aTransitionMovesTheLeadAndEveryStageChangeIsKeptOldestFirst() throws Exception {
        Lead lead = lead("lead-1", Stage.LEAD_GENERATION, "rep-1");
        create(lead);
        Lead qualified = lead.inStage(Stage.LEAD_QUALIFICATION, null, T0.plusSeconds(60));
        store.leads().transition(qualified, new StageTransition("lead-1", Stage.LEAD_GENERATION,
                Stage.LEAD_QUALIFICATION, null, T0.plusSeconds(60), "rep-1"));
        Lead won = qualified.inStage(Stage.CLOSING, LeadOutcome.WON, T0.plusSeconds(120));
        store.leads().transition(won, new StageTransition("lead-1", Stage.LEAD_QUALIFICATION, Stage.CLOSING,
                LeadOutcome.WON, T0.plusSeconds(120), "rep-1"));

        assertThat(store.leads().find("lead-1")).contains(won);
        assertThat(store.leads().transitions("lead-1")).extracting(StageTransition::to, StageTransition::outcome)
                .containsExactly(
                        tuple(Stage.LEAD_GENERATION, null),
                        tuple(Stage.LEAD_QUALIFICATION, null),
                        tuple(Stage.CLOSING, LeadOutcome.WON));
    }

    @Test
    void updatingALeadThatDoesNotExistFails() {
        assertThatThrownBy(() -> store.leads().update(lead("ghost", Stage.ENGAGEMENT, "rep-1")))
                .hasMessageContaining("no such lead");
    }

    @Test
    void listFiltersByStageAndOwnerAndPagesInIdOrder() throws Exception {
        create(lead("lead-3", Stage.ENGAGEMENT, "rep-1"));
        create(lead("lead-1", Stage.ENGAGEMENT, "rep-1"));
        create(lead("lead-2", Stage.ENGAGEMENT, "rep-2"));
        create(lead("lead-4", Stage.PRESENTATION, "rep-1"));
        create(lead("Lead-0", Stage.ENGAGEMENT, "rep-1"));

        assertThat(leadIds(store.leads().list(null, null, null, 10)))
                .containsExactly("Lead-0", "lead-1", "lead-2", "lead-3", "lead-4");
        assertThat(leadIds(store.leads().list(Stage.ENGAGEMENT, "rep-1", null, 10)))
                .containsExactly("Lead-0", "lead-1", "lead-3");
        assertThat(leadIds(store.leads().list(null, null, null, 2))).containsExactly("Lead-0", "lead-1");
        assertThat(leadIds(store.leads().list(null, null, "lead-1", 2))).containsExactly("lead-2", "lead-3");
        assertThat(leadIds(store.leads().list(null, "rep-1", "lead-3", 10))).containsExactly("lead-4");
    }

    // ---- touches ----

    @Test
    void touchesOfALeadAreListedOldestFirstWithTheRulesThatBlockedThem() {
        Touch blocked = touch("t-2", "lead-1", "rk-1", T0.plusSeconds(10), Verdict.BLOCK,
                List.of("tcpa.calling-hours", "state.calling-hours"));
        Touch allowed = touch("t-1", "lead-1", "rk-1", T0, Verdict.ALLOW, List.of());
        Touch other = touch("t-3", "lead-2", "rk-2", T0, Verdict.ALLOW, List.of());
        store.touches().record(blocked);
        store.touches().record(allowed);
        store.touches().record(other);

        assertThat(store.touches().forLead("lead-1")).containsExactly(allowed, blocked);
    }

    @Test
    void touchesToARecipientSinceAnInstantIncludeThatInstantAndExcludeEarlierOnes() {
        store.touches().record(touch("t-1", "lead-1", "rk-1", T0.minusMillis(1), Verdict.ALLOW, List.of()));
        store.touches().record(touch("t-2", "lead-1", "rk-1", T0, Verdict.ALLOW, List.of()));
        store.touches().record(touch("t-3", null, "rk-1", T0.plusSeconds(5), Verdict.BLOCK, List.of("email.bounced")));
        store.touches().record(touch("t-4", "lead-2", "rk-2", T0.plusSeconds(5), Verdict.ALLOW, List.of()));

        assertThat(store.touches().toRecipientSince("rk-1", T0)).extracting(Touch::id).containsExactly("t-2", "t-3");
    }

    @Test
    void aCallsDialerAndSubjectAreKeptAndErasureForgetsOnlyTheSubject() {
        Touch call = new Touch("t-1", "lead-1", "rk-1", Channel.CALL, Purpose.TELEMARKETING, Stage.ENGAGEMENT, null,
                Verdict.ALLOW, List.of(), "audit-t-1", "t-1", false, T0, Dialer.AUTODIALED, "Roof repair");
        Touch other = new Touch("t-2", "lead-2", "rk-2", Channel.SMS, Purpose.MARKETING, Stage.ENGAGEMENT, null,
                Verdict.ALLOW, List.of(), "audit-t-2", "t-2", false, T0, null, "Solar panels");
        store.touches().record(call);
        store.touches().record(other);

        assertThat(store.touches().find("t-1")).contains(call);
        assertThat(store.touches().forgetSubjects("rk-1")).isEqualTo(1);
        assertThat(store.touches().find("t-1").orElseThrow().subject()).isNull();
        assertThat(store.touches().find("t-1").orElseThrow().dialer()).isEqualTo(Dialer.AUTODIALED);
        assertThat(store.touches().find("t-2")).contains(other);
    }

    @Test
    void aLeadsLineTypeIsStoredAndAnonymisingResetsItToUnknown() throws Exception {
        Lead business = new Lead("lead-1", null, "+13055550123", null, null, "Acme", "US", "FL", null,
                Stage.LEAD_GENERATION, null, "rep-1", LeadSource.OTHER, Qualification.none(), T0, T0, T0, true,
                LineType.BUSINESS);
        create(business);
        assertThat(store.leads().find("lead-1")).contains(business);

        store.leads().update(new Lead("lead-1", null, "+13055550123", null, null, "Acme", "US", "FL", null,
                Stage.LEAD_GENERATION, null, "rep-1", LeadSource.OTHER, Qualification.none(), T0, T0, T0, false,
                LineType.WIRELESS));
        assertThat(store.leads().find("lead-1").orElseThrow().lineType()).isEqualTo(LineType.WIRELESS);

        store.leads().anonymise("lead-1", T0.plusSeconds(1));
        assertThat(store.leads().find("lead-1").orElseThrow().lineType()).isEqualTo(LineType.UNKNOWN);
    }

    // ---- suppressions ----

    @Test
    void aSuppressionIsFoundByTypeAndKeyUntilItIsRemoved() {
        SuppressionEntry entry = new SuppressionEntry("s-1", "EMAIL", "ann@example.com", "key-ann", SuppressionReason.UNSUBSCRIBE,
                "one-click", T0);
        store.suppressions().add(entry);
        store.suppressions().add(new SuppressionEntry("s-2", "PHONE", "+13055550123", "key-ann", SuppressionReason.DNC_REQUEST,
                "call", T0));

        assertThat(store.suppressions().find("s-1")).contains(entry);
        assertThat(store.suppressions().findByKey("EMAIL", "key-ann")).containsExactly(entry);
        assertThat(store.suppressions().findByKey("EMAIL", "key-bob")).isEmpty();

        assertThat(store.suppressions().remove("s-1")).isTrue();
        assertThat(store.suppressions().remove("s-1")).isFalse();
        assertThat(store.suppressions().findByKey("EMAIL", "key-ann")).isEmpty();
        assertThat(store.suppressions().find("s-1")).isEmpty();
    }

    @Test
    void entriesOfSeveralKeysAreFoundInOneLookupAndNoOthers() {
        SuppressionEntry address = new SuppressionEntry("s-1", "EMAIL", null, "key-ann", SuppressionReason.UNSUBSCRIBE,
                "one-click", T0);
        SuppressionEntry domain = new SuppressionEntry("s-2", "DOMAIN", null, "key-example", SuppressionReason.MANUAL,
                "api", T0.plusSeconds(1));
        store.suppressions().add(address);
        store.suppressions().add(domain);
        store.suppressions().add(new SuppressionEntry("s-3", "EMAIL", null, "key-example", SuppressionReason.BOUNCE,
                "smtp", T0));
        store.suppressions().add(new SuppressionEntry("s-4", "DOMAIN", null, "key-other", SuppressionReason.MANUAL,
                "api", T0));

        assertThat(store.suppressions().findByKeys(List.of(new Suppressions.Key("EMAIL", "key-ann"),
                new Suppressions.Key("DOMAIN", "key-example"), new Suppressions.Key("DOMAIN", "key-none"))))
                .containsExactly(address, domain);
        assertThat(store.suppressions().findByKeys(List.of())).isEmpty();
    }

    @Test
    void aFailedWriteNamesTheOperationButNoValue() {
        SuppressionEntry entry = new SuppressionEntry("dup-7781", "EMAIL", "ann@example.com", "key-ann", SuppressionReason.MANUAL,
                "api", T0);
        store.suppressions().add(entry);

        assertThatThrownBy(() -> store.suppressions().add(entry))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("suppression add failed (SQLState ")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("dup-7781", "ann@example.com");
                    }
                });
    }

    @Test
    void suppressionsAreListedNewestFirstFilteredByTypeWithOffset() {
        for (int i = 1; i <= 4; i++) {
            store.suppressions().add(new SuppressionEntry("e-" + i, "EMAIL", "a" + i + "@example.com", "k" + i,
                    SuppressionReason.MANUAL, "api", T0.plusSeconds(i)));
        }
        store.suppressions().add(new SuppressionEntry("d-1", "DOMAIN", "example.org", "kd", SuppressionReason.MANUAL, "api",
                T0.plusSeconds(10)));

        assertThat(store.suppressions().list(null, 0, 10)).extracting(SuppressionEntry::id)
                .containsExactly("d-1", "e-4", "e-3", "e-2", "e-1");
        assertThat(store.suppressions().list("EMAIL", 1, 2)).extracting(SuppressionEntry::id)
                .containsExactly("e-3", "e-2");
    }

    // ---- audit ----

    @Test
    void appendedEntriesFormAChainFromGenesis() {
        AuditEntry first = store.audit().append(entry("a-1", T0, "DECISION", "sk-1", "lead-1", "EMAIL", "ALLOW", null));
        AuditEntry second = store.audit().append(entry("a-2", T0.plusNanos(1_500_000), "DECISION", "sk-1", "lead-1",
                "EMAIL", "BLOCK", "canspam.suppression"));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(second.hash()).isEqualTo(AuditChain.expectedHash(second));
        assertThat(store.audit().find("a-2")).contains(second);
        assertThat(store.audit().find("a-2").orElseThrow().at()).isEqualTo(T0.plusMillis(1));
        assertThat(AuditVerifier.verify(store.audit())).isEqualTo(VerifyResult.ok(2));
    }

    @Test
    void anAuditPageFiltersByTimeSubjectLeadChannelDecisionAndKind() {
        store.audit().append(entry("a-1", T0, "DECISION", "sk-1", "lead-1", "EMAIL", "ALLOW", null));
        store.audit().append(entry("a-2", T0.plusSeconds(1), "DECISION", "sk-2", "lead-2", "CALL", "BLOCK",
                "tcpa.calling-hours"));
        store.audit().append(entry("a-3", T0.plusSeconds(2), "SUPPRESSION_ADDED", "sk-1", null, "EMAIL", null, null));
        store.audit().append(entry("a-4", T0.plusSeconds(3), "DECISION", "sk-1", "lead-1", "SMS", "BLOCK",
                "tcpa.consent"));

        assertThat(auditIds(query(T0.plusSeconds(1), T0.plusSeconds(3), null, null, null, null, null, null)))
                .containsExactly("a-2", "a-3");
        assertThat(auditIds(query(null, null, "sk-1", null, null, null, null, null))).containsExactly("a-1", "a-3", "a-4");
        assertThat(auditIds(query(null, null, null, "lead-1", null, null, null, null))).containsExactly("a-1", "a-4");
        assertThat(auditIds(query(null, null, null, null, "EMAIL", null, null, null))).containsExactly("a-1", "a-3");
        assertThat(auditIds(query(null, null, null, null, null, "BLOCK", null, null))).containsExactly("a-2", "a-4");
        assertThat(auditIds(query(null, null, null, null, null, null, null, "SUPPRESSION_ADDED"))).containsExactly("a-3");
        assertThat(auditIds(query(null, null, "sk-1", null, "SMS", "BLOCK", null, "DECISION"))).containsExactly("a-4");
    }

    @Test
    void theRuleFilterMatchesOneWholeRuleIdWithinTheList() {
        store.audit().append(entry("a-1", T0, "DECISION", "sk", null, "CALL", "BLOCK",
                "tcpa.calling-hours,state.calling-hours"));
        store.audit().append(entry("a-2", T0, "DECISION", "sk", null, "CALL", "BLOCK", "state.calling-hours"));
        store.audit().append(entry("a-3", T0, "DECISION", "sk", null, "CALL", "BLOCK", "tcpa.calling-hours-extra"));
        store.audit().append(entry("a-4", T0, "DECISION", "sk", null, "CALL", "ALLOW", null));
        store.audit().append(entry("a-5", T0, "DECISION", "sk", null, "CALL", "BLOCK", "tcpaXcalling-hours"));

        assertThat(auditIds(query(null, null, null, null, null, null, "tcpa.calling-hours", null))).containsExactly("a-1");
        assertThat(auditIds(query(null, null, null, null, null, null, "state.calling-hours", null)))
                .containsExactly("a-1", "a-2");
        assertThat(auditIds(query(null, null, null, null, null, null, "calling-hours", null))).isEmpty();
        assertThat(auditIds(query(null, null, null, null, null, null, "TCPA.CALLING-HOURS", null))).isEmpty();
        assertThat(auditIds(query(null, null, null, null, null, null, "tcpa_calling-hours", null))).isEmpty();
    }

    @Test
    void theAuditCursorReturnsTheEntriesAfterTheGivenSeqUpToTheLimit() {
        for (int i = 1; i <= 5; i++) {
            store.audit().append(entry("a-" + i, T0, "DECISION", "sk", null, "EMAIL", "ALLOW", null));
        }

        List<AuditEntry> firstPage = store.audit().page(new AuditQuery(null, null, null, null, null, null, null, null,
                0, 2));
        List<AuditEntry> nextPage = store.audit().page(new AuditQuery(null, null, null, null, null, null, null, null,
                firstPage.get(1).seq(), 2));

        assertThat(auditIds(firstPage)).containsExactly("a-1", "a-2");
        assertThat(auditIds(nextPage)).containsExactly("a-3", "a-4");
    }

    @Test
    void scanVisitsEveryEntryInSeqOrderAcrossSeveralFetches() {
        int count = 520;
        for (int i = 1; i <= count; i++) {
            store.audit().append(entry("a-" + i, T0.plusMillis(i), "DECISION", "sk", null, "EMAIL", "ALLOW", null));
        }

        List<Long> seen = new ArrayList<>();
        store.audit().scan(e -> seen.add(e.seq()));

        assertThat(seen).containsExactlyElementsOf(IntStream.rangeClosed(1, count).mapToObj(i -> (long) i).toList());
    }

    @Test
    void concurrentAppendsFromEightThreadsFormAGaplessChainThatVerifies() throws Exception {
        int threads = 8;
        int perThread = 25;
        List<Callable<Void>> appenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            appenders.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    store.audit().append(entry("a-" + thread + "-" + i, T0, "DECISION", "sk-" + thread, null,
                            "EMAIL", "ALLOW", null));
                }
                return null;
            });
        }

        runConcurrently(appenders);

        List<Long> seqs = new ArrayList<>();
        store.audit().scan(e -> seqs.add(e.seq()));
        assertThat(seqs).containsExactlyElementsOf(
                IntStream.rangeClosed(1, threads * perThread).mapToObj(i -> (long) i).toList());
        assertThat(AuditVerifier.verify(store.audit())).isEqualTo(VerifyResult.ok(threads * perThread));
    }

    @Test
    void aReadableSubjectIsRememberedOnceAndForgottenWhileTheChainStillVerifies() {
        store.audit().append(entry("a-1", T0, "DECISION", "sk-ann", null, "EMAIL", "ALLOW", null));
        store.audit().rememberSubject("sk-ann", "ann@example.com");
        store.audit().rememberSubject("sk-ann", "other@example.com");

        assertThat(store.audit().readableSubject("sk-ann")).contains("ann@example.com");

        store.audit().forgetSubject("sk-ann");

        assertThat(store.audit().readableSubject("sk-ann")).isEmpty();
        assertThat(store.audit().page(new AuditQuery(null, null, "sk-ann", null, null, null, null, null, 0, 10)))
                .hasSize(1);
        assertThat(AuditVerifier.verify(store.audit()).ok()).isTrue();
    }

    // ---- audit tampering through SQL ----

    @Test
    void verifyNamesTheEditedEntry() throws Exception {
        List<AuditEntry> chain = appendTen();

        executeSql("UPDATE audit_entries SET payload = '{\"rule\":\"forged\"}' WHERE seq = 7");

        VerifyResult result = AuditVerifier.verify(store.audit());
        assertThat(result.ok()).isFalse();
        assertThat(result.entries()).isEqualTo(10);
        assertThat(result.firstBadSeq()).isEqualTo(7);
        assertThat(result.firstBadEntryId()).isEqualTo(chain.get(6).id());
        assertThat(result.detail()).isEqualTo("entry 7 (id " + chain.get(6).id()
                + ") was edited: stored hash does not match its contents");
    }

    @Test
    void verifyNamesTheGapLeftByADeletedEntry() throws Exception {
        appendTen();

        executeSql("DELETE FROM audit_entries WHERE seq = 5");

        VerifyResult result = AuditVerifier.verify(store.audit());
        assertThat(result.ok()).isFalse();
        assertThat(result.entries()).isEqualTo(9);
        assertThat(result.firstBadSeq()).isEqualTo(5);
        assertThat(result.firstBadEntryId()).isNull();
        assertThat(result.detail()).isEqualTo("entry 5 missing: sequence jumps from 4 to 6");
    }

    @Test
    void verifyNamesAnEntryMovedByASeqSwap() throws Exception {
        List<AuditEntry> chain = appendTen();

        // Three steps because seq is the primary key.
        executeSql("UPDATE audit_entries SET seq = -1 WHERE seq = 3",
                "UPDATE audit_entries SET seq = 3 WHERE seq = 6",
                "UPDATE audit_entries SET seq = 6 WHERE seq = -1");

        VerifyResult result = AuditVerifier.verify(store.audit());
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(3);
        assertThat(result.firstBadEntryId()).isEqualTo(chain.get(5).id());
        assertThat(result.detail()).contains("entry 3 (id " + chain.get(5).id() + ") was edited");
    }

    // ---- API keys ----

    @Test
    void anActiveKeyIsFoundByItsHashUntilItIsRevoked() {
        ApiKey admin = new ApiKey("k-1", "bootstrap", "ADMIN", "hash-1", T0, null);
        ApiKey rep = new ApiKey("k-2", "rep tool", "REP", "hash-2", T0.plusSeconds(1), null);
        store.apiKeys().create(admin);
        store.apiKeys().create(rep);

        assertThat(store.apiKeys().findActiveByHash("hash-2")).contains(rep);
        assertThat(store.apiKeys().countActive()).isEqualTo(2);

        assertThat(store.apiKeys().revoke("k-2", T0.plusSeconds(5))).isTrue();
        assertThat(store.apiKeys().revoke("k-2", T0.plusSeconds(6))).isFalse();
        assertThat(store.apiKeys().revoke("k-9", T0.plusSeconds(6))).isFalse();

        assertThat(store.apiKeys().findActiveByHash("hash-2")).isEmpty();
        assertThat(store.apiKeys().countActive()).isEqualTo(1);
        assertThat(store.apiKeys().list()).containsExactly(admin,
                new ApiKey("k-2", "rep tool", "REP", "hash-2", T0.plusSeconds(1), T0.plusSeconds(5)));
    }

    // ---- outbox ----

    @Test
    void anEnqueuedMessageKeepsItsMimeBytesExactly() {
        OutboxMessage message = message("m-1", "rk-1", T0);
        store.outbox().enqueue(message);

        OutboxMessage found = store.outbox().find("m-1").orElseThrow();
        assertThat(found.mime()).isEqualTo(message.mime());
        assertThat(found).usingRecursiveComparison().isEqualTo(message);
        assertThat(store.outbox().find("m-2")).isEmpty();
    }

    @Test
    void aClaimedMessageIsNotClaimedAgainBeforeItsLeaseEnds() {
        store.outbox().enqueue(message("m-1", "rk-1", T0));
        Instant lease = T0.plusSeconds(60);

        assertThat(store.outbox().claimDue(T0, lease, 10)).extracting(OutboxMessage::messageId).containsExactly("m-1");
        assertThat(store.outbox().claimDue(T0.plusSeconds(59), lease, 10)).isEmpty();
        assertThat(store.outbox().claimDue(lease, lease.plusSeconds(60), 10)).extracting(OutboxMessage::messageId)
                .containsExactly("m-1");
    }

    @Test
    void claimTakesOnlyDueQueuedOrRetryingMessagesOldestFirstUpToTheLimit() {
        store.outbox().enqueue(message("m-1", "rk", T0));
        store.outbox().enqueue(message("m-2", "rk", T0.plusSeconds(1)));
        store.outbox().enqueue(message("m-3", "rk", T0.plusSeconds(2)));
        store.outbox().enqueue(message("m-later", "rk", T0.plusSeconds(600)));
        store.outbox().markSent("m-3", "example.com", T0.plusSeconds(3));

        List<OutboxMessage> claimed = store.outbox().claimDue(T0.plusSeconds(10), T0.plusSeconds(70), 1);
        assertThat(claimed).extracting(OutboxMessage::messageId).containsExactly("m-1");
        assertThat(claimed.get(0).nextAttemptAt()).isEqualTo(T0.plusSeconds(70));

        assertThat(store.outbox().claimDue(T0.plusSeconds(10), T0.plusSeconds(70), 10))
                .extracting(OutboxMessage::messageId).containsExactly("m-2");
    }

    @Test
    void queuedAndRetryingMessagesAreClaimedTogetherInOrderOfTheirNextAttempt() {
        store.outbox().enqueue(message("m-b", "rk", T0.plusSeconds(2)));
        store.outbox().enqueue(message("m-a", "rk", T0.plusSeconds(2)));
        store.outbox().enqueue(message("m-retry", "rk", T0));
        store.outbox().enqueue(message("m-sent", "rk", T0));
        store.outbox().markRetry("m-retry", 1, T0.plusSeconds(1), "421 try later", T0);
        store.outbox().markSent("m-sent", "example.com", T0);

        assertThat(store.outbox().claimDue(T0.plusSeconds(5), T0.plusSeconds(60), 2))
                .extracting(OutboxMessage::messageId).containsExactlyInAnyOrder("m-retry", "m-a");
        assertThat(store.outbox().claimDue(T0.plusSeconds(5), T0.plusSeconds(60), 10))
                .extracting(OutboxMessage::messageId).containsExactly("m-b");
    }

    @Test
    void theBacklogCountsQueuedAndRetryingMessagesAndTheOldestOfThem() {
        store.outbox().enqueue(message("m-sent", "rk", T0));
        store.outbox().enqueue(message("m-retry", "rk", T0.plusSeconds(1)));
        store.outbox().enqueue(message("m-queued", "rk", T0.plusSeconds(2)));
        store.outbox().enqueue(message("m-failed", "rk", T0.plusSeconds(3)));
        store.outbox().markSent("m-sent", "example.com", T0.plusSeconds(4));
        store.outbox().markRetry("m-retry", 1, T0.plusSeconds(300), "421 try later", T0.plusSeconds(4));
        store.outbox().markFailed("m-failed", OutboxStatus.BOUNCED, 1, "550 no such user", T0.plusSeconds(4));

        assertThat(store.outbox().backlog()).isEqualTo(new Outbox.Backlog(2, T0.plusSeconds(1)));
    }

    @Test
    void aBatchOfSentMarksCommitsTogetherAndCountsEachSendingDomainPerUtcDay() {
        for (String id : List.of("m-1", "m-2", "m-3", "m-4")) {
            store.outbox().enqueue(message(id, "rk", T0));
        }
        Instant lateOnTheDay = Instant.parse("2026-11-27T23:59:59Z");

        store.outbox().markSent(List.of(new Outbox.Sent("m-1", "sales.example.com", T0),
                new Outbox.Sent("m-2", "sales.example.com", lateOnTheDay),
                new Outbox.Sent("m-3", "news.example.com", T0), new Outbox.Sent("m-4", null, T0)));
        store.outbox().markSent(List.of());
        store.outbox().enqueue(message("m-5", "rk", T0));
        store.outbox().markSent(List.of(new Outbox.Sent("m-5", "sales.example.com", lateOnTheDay.plusSeconds(1))));

        assertThat(List.of("m-1", "m-2", "m-3", "m-4", "m-5")).allSatisfy(id -> {
            OutboxMessage sent = store.outbox().find(id).orElseThrow();
            assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(1);
        });
        assertThat(store.outbox().find("m-2").orElseThrow().updatedAt()).isEqualTo(lateOnTheDay);
        assertThat(store.outbox().sentOn("sales.example.com", java.time.LocalDate.parse("2026-11-27"))).isEqualTo(2);
        assertThat(store.outbox().sentOn("sales.example.com", java.time.LocalDate.parse("2026-11-28"))).isEqualTo(1);
        assertThat(store.outbox().sentOn("news.example.com", java.time.LocalDate.parse("2026-11-27"))).isEqualTo(1);
        assertThat(store.outbox().sentOn("other.example.com", java.time.LocalDate.parse("2026-11-27"))).isZero();
    }

    @Test
    void aBatchOfRetriesPutsEachMessageBackWithItsOwnTimeAndReason() {
        store.outbox().enqueue(message("m-1", "rk", T0));
        store.outbox().enqueue(message("m-2", "rk", T0));
        store.outbox().claimDue(T0, T0.plusSeconds(900), 10, "instance-a");

        store.outbox().markRetry(List.of(new Outbox.Retry("m-1", 0, T0.plusSeconds(30), "waiting: pacing", T0),
                new Outbox.Retry("m-2", 2, T0.plusSeconds(60), "421 later", T0)));

        assertThat(store.outbox().claimDue(T0.plusSeconds(30), T0.plusSeconds(900), 10))
                .extracting(OutboxMessage::messageId, OutboxMessage::attempts, OutboxMessage::lastError)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("m-1", 0, "waiting: pacing"));
        OutboxMessage second = store.outbox().find("m-2").orElseThrow();
        assertThat(second.status()).isEqualTo(OutboxStatus.RETRYING);
        assertThat(second.nextAttemptAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(store.outbox().releaseLeases("instance-a", T0.plusSeconds(31))).as("the lease was given up").isZero();
    }

    @Test
    void retrySentAndFailedRecordTheStatusAttemptsAndError() {
        store.outbox().enqueue(message("m-1", "rk", T0));
        store.outbox().enqueue(message("m-2", "rk", T0));
        store.outbox().enqueue(message("m-3", "rk", T0));

        store.outbox().markRetry("m-1", 1, T0.plusSeconds(300), "421 try later", T0.plusSeconds(1));
        store.outbox().markSent("m-2", "example.com", T0.plusSeconds(2));
        store.outbox().markFailed("m-3", OutboxStatus.BOUNCED, 1, "550 no such user", T0.plusSeconds(3));

        OutboxMessage retrying = store.outbox().find("m-1").orElseThrow();
        assertThat(retrying.status()).isEqualTo(OutboxStatus.RETRYING);
        assertThat(retrying.attempts()).isEqualTo(1);
        assertThat(retrying.nextAttemptAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(retrying.lastError()).isEqualTo("421 try later");
        assertThat(retrying.updatedAt()).isEqualTo(T0.plusSeconds(1));

        OutboxMessage sent = store.outbox().find("m-2").orElseThrow();
        assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(1);

        OutboxMessage bounced = store.outbox().find("m-3").orElseThrow();
        assertThat(bounced.status()).isEqualTo(OutboxStatus.BOUNCED);
        assertThat(bounced.lastError()).isEqualTo("550 no such user");

        assertThat(store.outbox().claimDue(T0.plusSeconds(299), T0.plusSeconds(400), 10)).isEmpty();
        assertThat(store.outbox().claimDue(T0.plusSeconds(300), T0.plusSeconds(400), 10))
                .extracting(OutboxMessage::messageId).containsExactly("m-1");
    }

    @Test
    void concurrentWorkersNeverClaimTheSameMessageTwice() throws Exception {
        int messages = 60;
        for (int i = 0; i < messages; i++) {
            store.outbox().enqueue(message("m-%02d".formatted(i), "rk", T0));
        }
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(() -> {
                List<OutboxMessage> batch;
                do {
                    batch = store.outbox().claimDue(T0, T0.plusSeconds(60), 3);
                    batch.forEach(m -> claimed.add(m.messageId()));
                } while (!batch.isEmpty());
                return null;
            });
        }

        runConcurrently(workers);

        assertThat(claimed).hasSize(messages).doesNotHaveDuplicates();
    }

    @Test
    void deletingARecipientsMessagesLeavesOtherRecipientsAlone() {
        store.outbox().enqueue(message("m-1", "rk-ann", T0));
        store.outbox().enqueue(message("m-2", "rk-ann", T0));
        store.outbox().enqueue(message("m-3", "rk-bob", T0));

        assertThat(store.outbox().deleteForRecipient("rk-ann")).isEqualTo(2);

        assertThat(store.outbox().find("m-1")).isEmpty();
        assertThat(store.outbox().find("m-3")).isPresent();
        assertThat(store.outbox().deleteForRecipient("rk-ann")).isZero();
    }

    // ---- idempotency ----

    @Test
    void saveIfAbsentKeepsAndReturnsTheFirstResponseForAKey() {
        StoredResponse first = new StoredResponse("idem-1", "req-hash", 202, "application/json",
                "{\"decision\":\"ALLOW\"}", T0);
        StoredResponse retry = new StoredResponse("idem-1", "req-hash", 500, "application/json", "{}",
                T0.plusSeconds(1));

        assertThat(store.idempotency().find("idem-1")).isEmpty();
        assertThat(store.idempotency().saveIfAbsent(first)).isEqualTo(first);
        assertThat(store.idempotency().saveIfAbsent(retry)).isEqualTo(first);
        assertThat(store.idempotency().find("idem-1")).contains(first);
    }

    // ---- secrets ----

    @Test
    void getOrCreateReturnsTheSameSecretToEveryCallerAndGeneratesItOnce() throws Exception {
        AtomicInteger generated = new AtomicInteger();
        byte[] first = store.secrets().getOrCreate("pseudonym-key", () -> {
            generated.incrementAndGet();
            return new byte[] {1, 2, 3, (byte) 0xff};
        });
        byte[] again = store.secrets().getOrCreate("pseudonym-key", () -> new byte[] {9});

        assertThat(first).containsExactly(1, 2, 3, 0xff);
        assertThat(again).containsExactly(first);
        assertThat(generated).hasValue(1);

        List<Callable<byte[]>> racers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte value = (byte) i;
            racers.add(() -> store.secrets().getOrCreate("token-key", () -> new byte[] {value}));
        }
        List<byte[]> answers = runConcurrently(racers);
        assertThat(answers).allSatisfy(a -> assertThat(a).containsExactly(answers.get(0)));
    }

    // ---- helpers ----

    private void create(Lead lead) throws DuplicateKeyException {
        store.leads().create(lead, new StageTransition(lead.id(), null, lead.stage(), null, lead.createdAt(), "test"));
    }

    static Lead lead(String id, Stage stage, String owner) {
        return new Lead(id, id + "@example.com", null, "First", "Last", "Co", "US", "TX", null, stage, null, owner,
                LeadSource.INQUIRY, Qualification.none(), T0, T0, T0);
    }

    private static List<String> leadIds(List<Lead> leads) {
        return leads.stream().map(Lead::id).toList();
    }

    private static List<String> auditIds(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::id).toList();
    }

    static Touch touch(String id, String leadId, String recipientKey, Instant at, Verdict verdict,
                       List<String> blockedBy) {
        return new Touch(id, leadId, recipientKey, Channel.CALL, Purpose.TELEMARKETING, Stage.ENGAGEMENT, null,
                verdict, blockedBy, "audit-" + id, "call-" + id, false, at);
    }

    static NewAuditEntry entry(String id, Instant at, String kind, String subjectKey, String leadId, String channel,
                               String decision, String rules) {
        return new NewAuditEntry(id, at, kind, "api-key:k-1", subjectKey, leadId, channel, decision, rules,
                "{\"policyVersion\":\"2026.11\"}");
    }

    private List<AuditEntry> query(Instant from, Instant to, String subjectKey, String leadId, String channel,
                                   String decision, String rule, String kind) {
        return store.audit().page(new AuditQuery(from, to, subjectKey, leadId, channel, decision, rule, kind, 0, 100));
    }

    protected List<AuditEntry> appendTen() {
        List<AuditEntry> chain = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            chain.add(store.audit().append(entry(UUID.randomUUID().toString(), T0.plusSeconds(i),
                    "DECISION", "sk", null, "EMAIL", "ALLOW", null)));
        }
        return chain;
    }

    static OutboxMessage message(String id, String recipientKey, Instant due) {
        byte[] mime = ("Message-ID: <" + id + "@example.com>\r\nSubject: hello\r\n\r\nbody \u00e9\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return new OutboxMessage(id, "lead-1", "ann@example.com", recipientKey, mime, OutboxStatus.QUEUED, 0, due,
                null, due, due);
    }

    private static <T> List<T> runConcurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- reports and bulk import (issue 5) ----

    @Test
    void scanStreamsEveryLeadOrOneOwnersInIdOrderAcrossSeveralFetches() throws Exception {
        List<Lead> leads = new ArrayList<>();
        for (int i = 1200; i >= 1; i--) {
            leads.add(lead(String.format("lead-%04d", i), Stage.ENGAGEMENT, i % 3 == 0 ? "rep-3" : "rep-x"));
        }
        store.leads().createAll(leads, leads.stream()
                .map(l -> new StageTransition(l.id(), null, l.stage(), null, T0, "test")).toList());
        List<String> all = new ArrayList<>();
        store.leads().scan(null, l -> all.add(l.id()));
        List<String> rep3 = new ArrayList<>();
        store.leads().scan("rep-3", l -> rep3.add(l.id()));

        assertThat(all).hasSize(1200).isSorted().startsWith("lead-0001").endsWith("lead-1200");
        assertThat(rep3).hasSize(400).isSorted().allMatch(id -> Integer.parseInt(id.substring(5)) % 3 == 0);
        assertThat(store.leads().find("lead-0003")).contains(lead("lead-0003", Stage.ENGAGEMENT, "rep-3"));
    }

    @Test
    void scanTransitionsGroupsByLeadOldestFirstAndFiltersByOwner() throws Exception {
        Lead b = lead("lead-b", Stage.LEAD_GENERATION, "rep-1");
        Lead a = lead("lead-a", Stage.LEAD_GENERATION, "rep-2");
        create(b);
        create(a);
        store.leads().transition(b.inStage(Stage.ENGAGEMENT, null, T0.plusSeconds(20)),
                new StageTransition("lead-b", Stage.LEAD_GENERATION, Stage.ENGAGEMENT, null, T0.plusSeconds(20), "r"));
        store.leads().transition(a.inStage(Stage.PRESENTATION, null, T0.plusSeconds(10)),
                new StageTransition("lead-a", Stage.LEAD_GENERATION, Stage.PRESENTATION, null, T0.plusSeconds(10), "r"));
        store.leads().transition(a.inStage(Stage.PRESENTATION, LeadOutcome.LOST, T0.plusSeconds(30)),
                new StageTransition("lead-a", Stage.PRESENTATION, Stage.PRESENTATION, LeadOutcome.LOST,
                        T0.plusSeconds(30), "r"));

        List<StageTransition> all = new ArrayList<>();
        store.leads().scanTransitions(null, all::add);
        List<StageTransition> rep1 = new ArrayList<>();
        store.leads().scanTransitions("rep-1", rep1::add);

        assertThat(all).extracting(StageTransition::leadId, StageTransition::to, StageTransition::outcome)
                .containsExactly(
                        tuple("lead-a", Stage.LEAD_GENERATION, null),
                        tuple("lead-a", Stage.PRESENTATION, null),
                        tuple("lead-a", Stage.PRESENTATION, LeadOutcome.LOST),
                        tuple("lead-b", Stage.LEAD_GENERATION, null),
                        tuple("lead-b", Stage.ENGAGEMENT, null));
        assertThat(rep1).extracting(StageTransition::to).containsExactly(Stage.LEAD_GENERATION, Stage.ENGAGEMENT);
    }

    @Test
    void existingIdsAndEmailsNameOnlyThoseStoredEvenForLongLists() throws Exception {
        create(lead("lead-1", Stage.LEAD_GENERATION, "rep-1"));
        create(lead("lead-2", Stage.LEAD_GENERATION, "rep-1"));
        List<String> ids = new ArrayList<>(IntStream.range(0, 1500).mapToObj(i -> "other-" + i).toList());
        ids.add("lead-2");
        ids.add("lead-1");
        ids.add("lead-2");

        assertThat(store.leads().existingIds(ids)).containsExactlyInAnyOrder("lead-1", "lead-2");
        assertThat(store.leads().existingEmails(List.of("lead-1@example.com", "nobody@example.com")))
                .containsExactly("lead-1@example.com");
        assertThat(store.leads().existingIds(List.of())).isEmpty();
    }

    @Test
    void createAllStoresEveryLeadWithItsFirstTransitionOrNoneAtAll() throws Exception {
        List<Lead> batch = new ArrayList<>();
        List<StageTransition> initial = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Lead l = lead("bulk-" + i, Stage.PRESENTATION, "rep-1");
            batch.add(l);
            initial.add(new StageTransition(l.id(), null, l.stage(), null, T0, "import"));
        }
        store.leads().createAll(batch, initial);

        assertThat(leadIds(store.leads().list(null, null, null, 10))).containsExactly("bulk-0", "bulk-1", "bulk-2");
        assertThat(store.leads().transitions("bulk-1"))
                .containsExactly(new StageTransition("bulk-1", null, Stage.PRESENTATION, null, T0, "import"));

        Lead fresh = lead("bulk-9", Stage.ENGAGEMENT, "rep-1");
        Lead taken = lead("bulk-1", Stage.ENGAGEMENT, "rep-2");
        assertThatThrownBy(() -> store.leads().createAll(List.of(fresh, taken), List.of(
                new StageTransition("bulk-9", null, Stage.ENGAGEMENT, null, T0, "import"),
                new StageTransition("bulk-1", null, Stage.ENGAGEMENT, null, T0, "import"))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(store.leads().find("bulk-9")).as("all or nothing").isEmpty();
        assertThat(store.leads().transitions("bulk-9")).isEmpty();
        assertThat(store.leads().find("bulk-1")).contains(batch.get(1));
    }

    @Test
    void touchScanCoversFromInclusiveToExclusiveOldestFirst() {
        store.touches().record(touch("t-3", "lead-1", "rk", T0.plusSeconds(20), Verdict.BLOCK, List.of("tcpa.consent")));
        store.touches().record(touch("t-1", "lead-1", "rk", T0, Verdict.ALLOW, List.of()));
        store.touches().record(touch("t-2", "lead-2", "rk", T0.plusSeconds(10), Verdict.ALLOW, List.of()));
        store.touches().record(touch("t-0", "lead-2", "rk", T0.minusSeconds(1), Verdict.ALLOW, List.of()));

        List<String> window = new ArrayList<>();
        store.touches().scan(T0, T0.plusSeconds(20), t -> window.add(t.id()));
        List<Touch> open = new ArrayList<>();
        store.touches().scan(null, null, open::add);

        assertThat(window).containsExactly("t-1", "t-2");
        assertThat(open).extracting(Touch::id).containsExactly("t-0", "t-1", "t-2", "t-3");
        assertThat(open.get(3)).isEqualTo(touch("t-3", "lead-1", "rk", T0.plusSeconds(20), Verdict.BLOCK,
                List.of("tcpa.consent")));
    }
}
