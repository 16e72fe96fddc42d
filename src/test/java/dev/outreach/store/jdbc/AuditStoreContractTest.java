package dev.outreach.store.jdbc;

import dev.outreach.store.AuditChain;
import dev.outreach.audit.AuditVerifier;
import dev.outreach.audit.Checkpoint;
import dev.outreach.audit.CheckpointFile;
import dev.outreach.audit.VerifyResult;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.NewAuditEntry;
import dev.outreach.store.PruneBoundary;
import dev.outreach.store.Store;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit half of the store contract, on both dialects: search filters and their indexes,
 * cursor paging while entries arrive, streaming, pruning, and tampering that only the signed
 * checkpoint file can expose (truncation, a rewritten chain, deleting past a prune boundary).
 */
abstract class AuditStoreContractTest {

    static final Instant T0 = Instant.parse("2026-11-27T14:05:00Z");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    protected Store store;
    private String url;

    @TempDir
    Path dir;

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

    // ---- search ----

    @Test
    void anAuditPageFiltersByActorAloneAndWithOtherFilters() {
        append("a-1", "key:rep-1", "sk-1", "EMAIL", "ALLOW", null);
        append("a-2", "key:rep-2", "sk-1", "EMAIL", "BLOCK", "canspam.suppression");
        append("a-3", "system", null, null, null, null);
        append("a-4", "key:rep-1", "sk-2", "EMAIL", "BLOCK", "canspam.suppression");

        assertThat(ids(query(null, null, null, null, "key:rep-1"))).containsExactly("a-1", "a-4");
        assertThat(ids(query(null, null, null, null, "system"))).containsExactly("a-3");
        assertThat(ids(query("sk-1", null, null, null, "key:rep-1"))).containsExactly("a-1");
        assertThat(ids(query(null, "BLOCK", "canspam.suppression", null, "key:rep-1"))).containsExactly("a-4");
        assertThat(ids(query(null, null, null, null, "KEY:REP-1"))).as("actor matches exactly").isEmpty();
    }

    @Test
    void theRuleFilterCombinesWithRecipientDecisionAndTime() {
        append("a-1", "api", "sk-1", "CALL", "BLOCK", "tcpa.calling-hours,state.calling-hours");
        append("a-2", "api", "sk-2", "CALL", "BLOCK", "tcpa.calling-hours");
        append("a-3", "api", "sk-1", "CALL", "BLOCK", "state.calling-hours,tcpa.calling-hours");
        append("a-4", "api", "sk-1", "CALL", "ALLOW", null);

        assertThat(ids(query(null, null, "tcpa.calling-hours", null, null))).containsExactly("a-1", "a-2", "a-3");
        assertThat(ids(query("sk-1", null, "tcpa.calling-hours", null, null))).containsExactly("a-1", "a-3");
        assertThat(ids(store.audit().page(new AuditQuery(T0.plusSeconds(3), T0.plusSeconds(4), null, null, null,
                null, "tcpa.calling-hours", null, null, 0, 10)))).containsExactly("a-3");
        assertThat(ids(store.audit().page(new AuditQuery(null, null, null, null, null, null, "tcpa.calling-hours",
                null, null, 1, 1)))).as("the cursor applies with a rule filter").containsExactly("a-2");
    }

    @Test
    void aTimeRangeFindsExactlyTheEntriesInItEvenWhenTimesWereAppendedOutOfOrder() {
        // seq:      1    2    3    4    5    6    7    8
        // minutes: 10   20   15   30   40    5   50   35   (3, 6 and 8 are late: dated before an earlier entry)
        int[] minutes = {10, 20, 15, 30, 40, 5, 50, 35};
        for (int i = 0; i < minutes.length; i++) {
            store.audit().append(new NewAuditEntry("t-" + (i + 1), T0.plusSeconds(60L * minutes[i]), "DECISION",
                    "api", "sk", null, "EMAIL", "ALLOW", null, "{}"));
        }

        assertThat(window(12, 32)).containsExactly("t-2", "t-3", "t-4");
        assertThat(window(0, 12)).containsExactly("t-1", "t-6");
        assertThat(window(33, 45)).containsExactly("t-5", "t-8");
        assertThat(window(36, 60)).containsExactly("t-5", "t-7");
        assertThat(window(51, 99)).isEmpty();
        assertThat(ids(store.audit().page(new AuditQuery(T0.plusSeconds(60 * 12), null, null, null, null, null, null,
                null, null, 3, 100)))).as("from with a cursor").containsExactly("t-4", "t-5", "t-7", "t-8");
        List<AuditEntry> streamed = new ArrayList<>();
        store.audit().stream(new AuditQuery(null, T0.plusSeconds(60 * 16), null, null, null, null, null, null, null,
                0, 0), streamed::add);
        assertThat(ids(streamed)).as("to only, streamed").containsExactly("t-1", "t-3", "t-6");
    }

    private List<String> window(int fromMinute, int toMinute) {
        return ids(store.audit().page(new AuditQuery(T0.plusSeconds(60L * fromMinute), T0.plusSeconds(60L * toMinute),
                null, null, null, null, null, null, null, 0, 100)));
    }

    @Test
    void cursorPagingStaysStableWhileNewEntriesArrive() {
        for (int i = 1; i <= 25; i++) {
            append("a-" + i, "api", i % 2 == 0 ? "sk-even" : "sk-odd", "EMAIL", "ALLOW", null);
        }
        AuditQuery even = new AuditQuery(null, null, "sk-even", null, null, null, null, null, null, 0, 5);
        List<AuditEntry> first = store.audit().page(even);

        for (int i = 26; i <= 40; i++) {
            append("a-" + i, "api", i % 2 == 0 ? "sk-even" : "sk-odd", "EMAIL", "ALLOW", null);
        }
        List<String> seen = new ArrayList<>(ids(first));
        long cursor = first.get(first.size() - 1).seq();
        while (true) {
            List<AuditEntry> next = store.audit().page(even.after(cursor));
            if (next.isEmpty()) {
                break;
            }
            seen.addAll(ids(next));
            cursor = next.get(next.size() - 1).seq();
        }

        List<String> expected = new ArrayList<>();
        for (int i = 2; i <= 40; i += 2) {
            expected.add("a-" + i);
        }
        assertThat(seen).as("no gaps, no repeats, new entries at the end").containsExactlyElementsOf(expected);
    }

    @Test
    void streamHandsOverEveryMatchingEntryInOrderAcrossManyFetches() {
        List<AuditEntry> appended = new ArrayList<>();
        for (int i = 1; i <= 2300; i++) {
            appended.add(append("a-" + i, i % 3 == 0 ? "key:rep" : "system", "sk-" + (i % 7), "EMAIL",
                    i % 5 == 0 ? "BLOCK" : "ALLOW", i % 5 == 0 ? "canspam.suppression" : null));
        }
        List<AuditEntry> all = new ArrayList<>();
        store.audit().stream(AuditQuery.all(0), all::add);
        List<AuditEntry> filtered = new ArrayList<>();
        AuditQuery repBlocks = new AuditQuery(null, null, null, null, "EMAIL", "BLOCK", "canspam.suppression", null,
                "key:rep", 0, 0);
        store.audit().stream(repBlocks, filtered::add);
        List<AuditEntry> capped = new ArrayList<>();
        store.audit().stream(AuditQuery.all(0).after(100).withLimit(7), capped::add);

        assertThat(all).containsExactlyElementsOf(appended);
        assertThat(filtered).containsExactlyElementsOf(appended.stream()
                .filter(e -> e.seq() % 15 == 0).toList());
        assertThat(capped).extracting(AuditEntry::seq).containsExactly(101L, 102L, 103L, 104L, 105L, 106L, 107L);
    }

    @Test
    void headFindBySeqAndReadableSubjectsInBatches() {
        assertThat(store.audit().head()).isEmpty();
        AuditEntry first = append("a-1", "api", "sk-1", "EMAIL", "ALLOW", null);
        AuditEntry second = append("a-2", "api", "sk-2", "EMAIL", "ALLOW", null);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            store.audit().rememberSubject("sk-" + i, "person" + i + "@example.com");
            keys.add("sk-" + i);
        }
        store.audit().forgetSubject("sk-7");
        keys.add(null);

        Map<String, String> readable = store.audit().readableSubjects(keys);

        assertThat(store.audit().head()).contains(second);
        assertThat(store.audit().findBySeq(1)).contains(first);
        assertThat(store.audit().findBySeq(3)).isEmpty();
        assertThat(readable).hasSize(1199).containsEntry("sk-1199", "person1199@example.com")
                .doesNotContainKey("sk-7");
    }

    @Test
    void theUpgradeIndexesTheRulesOfEntriesWrittenBeforeIt() throws Exception {
        String older = freshDatabaseUrl();
        Flyway.configure().dataSource(older, null, null)
                .locations("classpath:db/migration/" + store.dialect()).target("3").load().migrate();
        try (Connection c = DriverManager.getConnection(older)) {
            insertRaw(c, 1, "api", "sk", "CALL", "BLOCK", "tcpa.calling-hours,state.calling-hours", T0.plusSeconds(20));
            insertRaw(c, 2, "api", "sk", "CALL", "BLOCK", "state.calling-hours", T0.plusSeconds(10));
            insertRaw(c, 3, "api", "sk", "CALL", "ALLOW", null, T0.plusSeconds(30));
        }
        try (Store upgraded = JdbcStore.open(older, null, null)) {
            assertThat(upgraded.audit().page(new AuditQuery(null, null, null, null, null, null,
                    "state.calling-hours", null, null, 0, 10))).extracting(AuditEntry::seq).containsExactly(1L, 2L);
            assertThat(upgraded.audit().page(new AuditQuery(null, null, null, null, null, null,
                    "tcpa.calling-hours", null, null, 0, 10))).extracting(AuditEntry::seq).containsExactly(1L);
            assertThat(upgraded.audit().page(new AuditQuery(T0, T0.plusSeconds(15), null, null, null, null, null,
                    null, null, 0, 10))).as("times written before the upgrade").extracting(AuditEntry::seq)
                    .containsExactly(2L);
        }
    }

    // ---- query plans ----

    @Test
    void everyFilterIsAnsweredFromItsIndexAndADeepCursorFromThePrimaryKey() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            fillForPlans(c, 20_000);
        }
        JdbcAuditEntries audit = (JdbcAuditEntries) store.audit();
        Map<String, AuditQuery> queries = new HashMap<>();
        queries.put("audit_subject_seq", filter("sk-7", null, null, null, null, null, null));
        queries.put("audit_lead_seq", filter(null, "lead-7", null, null, null, null, null));
        queries.put("audit_actor_seq", filter(null, null, null, null, null, null, "key:7"));
        queries.put("audit_kind_seq", filter(null, null, null, null, null, "LIST_LOADED", null));
        queries.put("audit_channel_decision_seq", filter(null, null, "SMS", "BLOCK", null, null, null));
        queries.put("rules", filter(null, null, null, null, "tcpa.company-dnc", null, null));

        for (Map.Entry<String, AuditQuery> q : queries.entrySet()) {
            String plan = audit.plan(q.getValue());
            // A sort may remain over the few rows an index finds (PostgreSQL does that when it expects
            // fewer matches than the page holds); a full scan may not.
            assertThat(plan).as("plan for %s", q.getKey()).doesNotContainIgnoringCase("Seq Scan")
                    .doesNotContain("SCAN e").doesNotContain("SCAN r");
            if (q.getKey().equals("rules")) {
                assertThat(plan).as("plan for the rule filter").containsAnyOf("audit_rules_pkey",
                        "SEARCH r USING PRIMARY KEY");
            } else {
                assertThat(plan).as("plan for %s", q.getKey()).contains(q.getKey());
            }
        }
        String deep = audit.plan(AuditQuery.all(100).after(19_000));
        assertThat(deep).as("a cursor deep into the log").containsAnyOf("audit_entries_pkey",
                "INTEGER PRIMARY KEY (rowid>?)").doesNotContainIgnoringCase("sort");
        String window = audit.plan(new AuditQuery(T0.plusMillis(10_000), T0.plusMillis(12_000), null, null, null, null,
                null, null, null, 0, 100));
        assertThat(window).as("a time range, walked as a seq range").containsAnyOf("audit_entries_pkey",
                "INTEGER PRIMARY KEY (rowid>? AND rowid<?)").doesNotContainIgnoringCase("sort")
                .doesNotContainIgnoringCase("Seq Scan");
    }

    private static AuditQuery filter(String subject, String lead, String channel, String decision, String rule,
                                     String kind, String actor) {
        return new AuditQuery(null, null, subject, lead, channel, decision, rule, kind, actor, 0, 100);
    }

    /** Rows written straight to the table (not chained: only the plans matter here), then ANALYZE. */
    private void fillForPlans(Connection c, int rows) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entries (seq, id, at, kind, actor, "
                + "subject_key, lead_id, channel, decision, rules, payload, prev_hash, hash, ordered_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', 'p', 'h', ?)");
             PreparedStatement rule = c.prepareStatement("INSERT INTO audit_rules (rule, seq) VALUES (?, ?)")) {
            for (int i = 1; i <= rows; i++) {
                String channel = i % 25 <= 1 ? "SMS" : i % 10 == 0 ? "CALL" : "EMAIL";
                String decision = i % 2 == 0 ? "BLOCK" : "ALLOW";
                String rules = decision.equals("ALLOW") ? null : i % 500 == 0 ? "tcpa.company-dnc"
                        : "canspam.suppression";
                ps.setLong(1, i);
                ps.setString(2, "id-" + i);
                ps.setLong(3, T0.toEpochMilli() + i);
                ps.setString(4, i % 1000 == 0 ? "LIST_LOADED" : "DECISION");
                ps.setString(5, "key:" + (i % 100));
                ps.setString(6, "sk-" + (i % 2000));
                ps.setString(7, "lead-" + (i % 4000));
                ps.setString(8, channel);
                ps.setString(9, decision);
                ps.setString(10, rules);
                ps.setLong(11, T0.toEpochMilli() + i);
                ps.addBatch();
                if (rules != null) {
                    rule.setString(1, rules);
                    rule.setLong(2, i);
                    rule.addBatch();
                }
            }
            ps.executeBatch();
            rule.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    // ---- pruning ----

    @Test
    void pruningDeletesUpToTheBoundaryAndTheChainContinuesFromIt() throws Exception {
        List<AuditEntry> chain = appendChain(12);
        AuditEntry last = chain.get(11);

        long deleted = store.audit().prune(new PruneBoundary(5, chain.get(4).hash(), T0.plusSeconds(60)));
        AuditEntry next = append("a-13", "api", "sk", "EMAIL", "BLOCK", "canspam.suppression");

        assertThat(deleted).isEqualTo(5);
        assertThat(store.audit().pruneBoundary()).contains(new PruneBoundary(5, chain.get(4).hash(),
                T0.plusSeconds(60)));
        assertThat(store.audit().page(AuditQuery.all(100))).extracting(AuditEntry::seq)
                .containsExactly(6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(next.prevHash()).isEqualTo(last.hash());
        assertThat(AuditVerifier.verify(store.audit())).isEqualTo(new VerifyResult(true, 8, null, null, null, null,
                0, 5L));
        assertThat(count("SELECT COUNT(*) FROM audit_rules WHERE seq <= 5")).isZero();
        assertThatThrownBy(() -> store.audit().prune(new PruneBoundary(3, chain.get(2).hash(), T0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already pruned");
    }

    @Test
    void afterPruningEveryEntryTheNextEntryChainsToTheBoundary() {
        List<AuditEntry> chain = appendChain(4);

        store.audit().prune(new PruneBoundary(4, chain.get(3).hash(), T0));
        AuditEntry next = append("a-5", "api", "sk", "EMAIL", "ALLOW", null);

        assertThat(next.seq()).isEqualTo(5);
        assertThat(next.prevHash()).isEqualTo(chain.get(3).hash());
        assertThat(AuditVerifier.verify(store.audit()).ok()).isTrue();
    }

    // ---- tampering that needs the checkpoint file ----

    @Test
    void truncatingTheTailIsDetectedAndNamedByTheLastCheckpoint() throws Exception {
        List<AuditEntry> chain = appendChain(30);
        CheckpointFile file = checkpoints();
        Instant at25 = T0.plusSeconds(1000);
        Instant at30 = T0.plusSeconds(2000);
        file.append(new Checkpoint(25, chain.get(24).hash(), at25));
        file.append(new Checkpoint(30, chain.get(29).hash(), at30));
        assertThat(AuditVerifier.verify(store.audit(), file).ok()).isTrue();

        executeSql("DELETE FROM audit_entries WHERE seq > 26");

        assertThat(AuditVerifier.verify(store.audit()).ok()).as("the chain alone cannot tell").isTrue();
        VerifyResult result = AuditVerifier.verify(store.audit(), file);
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(27);
        assertThat(result.detail()).isEqualTo("entries after 26 are missing: the last checkpoint (at " + at30
                + ") covers entry 30");
        assertThat(result.lastCheckpoint()).isEqualTo(new Checkpoint(25, chain.get(24).hash(), at25));
    }

    @Test
    void truncatingEverythingIsDetected() throws Exception {
        List<AuditEntry> chain = appendChain(3);
        CheckpointFile file = checkpoints();
        file.append(new Checkpoint(3, chain.get(2).hash(), T0));

        executeSql("DELETE FROM audit_entries");

        VerifyResult result = AuditVerifier.verify(store.audit(), file);
        assertThat(result.ok()).isFalse();
        assertThat(result.detail()).isEqualTo("all entries are missing: the last checkpoint (at " + T0
                + ") covers entry 3");
    }

    @Test
    void aRewrittenAndRehashedChainIsCaughtByTheCheckpointAfterIt() throws Exception {
        List<AuditEntry> chain = appendChain(20);
        CheckpointFile file = checkpoints();
        file.append(new Checkpoint(8, chain.get(7).hash(), T0.plusSeconds(100)));
        file.append(new Checkpoint(20, chain.get(19).hash(), T0.plusSeconds(200)));

        rewriteFrom(12, "{\"policyVersion\":\"forged\"}");

        assertThat(AuditVerifier.verify(store.audit()).ok()).as("the chain alone cannot tell").isTrue();
        VerifyResult result = AuditVerifier.verify(store.audit(), file);
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(20);
        assertThat(result.detail()).startsWith("entry 20 (id " + chain.get(19).id() + ") does not match the "
                + "signed checkpoint written " + T0.plusSeconds(200)).contains("after entry 8 up to entry 20 was "
                + "rewritten and rehashed");
        assertThat(result.lastCheckpoint().seq()).isEqualTo(8);
    }

    @Test
    void anEditedEntryADeletedEntryAndASwapAreNamedWithCheckpointsToo() throws Exception {
        List<AuditEntry> chain = appendChain(10);
        CheckpointFile file = checkpoints();
        file.append(new Checkpoint(10, chain.get(9).hash(), T0));

        executeSql("UPDATE audit_entries SET actor = 'someone-else' WHERE seq = 4");
        assertThat(AuditVerifier.verify(store.audit(), file).detail())
                .isEqualTo("entry 4 (id " + chain.get(3).id() + ") was edited: stored hash does not match its contents");

        executeSql("UPDATE audit_entries SET actor = 'api' WHERE seq = 4", "DELETE FROM audit_entries WHERE seq = 6");
        assertThat(AuditVerifier.verify(store.audit(), file).detail())
                .isEqualTo("entry 6 missing: sequence jumps from 5 to 7");
    }

    @Test
    void deletingPastThePruneBoundaryIsDetected() throws Exception {
        List<AuditEntry> chain = appendChain(15);
        CheckpointFile file = checkpoints();
        file.append(new Checkpoint(10, chain.get(9).hash(), T0));
        PruneBoundary boundary = new PruneBoundary(10, chain.get(9).hash(), T0.plusSeconds(5));
        file.append(boundary);
        store.audit().prune(boundary);
        VerifyResult pruned = AuditVerifier.verify(store.audit(), file);
        assertThat(pruned.ok()).as(pruned.detail()).isTrue();
        assertThat(pruned.prunedThroughSeq()).isEqualTo(10);
        assertThat(pruned.lastCheckpoint()).isEqualTo(new Checkpoint(10, chain.get(9).hash(), T0));

        executeSql("DELETE FROM audit_entries WHERE seq IN (11, 12)");

        VerifyResult result = AuditVerifier.verify(store.audit(), file);
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(11);
        assertThat(result.detail()).isEqualTo("entries 11 to 12 missing: sequence jumps from the prune boundary at 10 "
                + "to 13");
    }

    @Test
    void aPruneBoundaryForgedInTheDatabaseIsNotTrusted() throws Exception {
        List<AuditEntry> chain = appendChain(12);
        CheckpointFile file = checkpoints();
        file.append(new Checkpoint(12, chain.get(11).hash(), T0));

        executeSql("INSERT INTO audit_prune_boundary (seq, hash, pruned_at) VALUES (6, '" + chain.get(5).hash()
                + "', 0)", "DELETE FROM audit_entries WHERE seq <= 6");

        assertThat(AuditVerifier.verify(store.audit()).ok()).as("the database alone is consistent").isTrue();
        VerifyResult result = AuditVerifier.verify(store.audit(), file);
        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(1);
        assertThat(result.detail()).isEqualTo("the database records entries up to 6 as pruned, but the checkpoint file "
                + "signs no such prune (it records no prune at all): entries were deleted outside retention");
    }

    @Test
    void anEditedCheckpointLineIsNamed() throws Exception {
        List<AuditEntry> chain = appendChain(5);
        CheckpointFile file = checkpoints();
        file.append(new Checkpoint(5, chain.get(4).hash(), T0));
        String text = Files.readString(file.path()).replace("\"seq\":5", "\"seq\":4");
        Files.writeString(file.path(), text);

        VerifyResult result = AuditVerifier.verify(store.audit(), file);

        assertThat(result.ok()).isFalse();
        assertThat(result.detail()).isEqualTo("line 1 of the checkpoint file " + file.path() + " (checkpoint at entry 4, "
                + "written " + T0 + ") has a signature that does not match its contents (the file was edited, or "
                + "written with another key)");
    }

    // ---- helpers ----

    private CheckpointFile checkpoints() {
        return new CheckpointFile(dir.resolve("checkpoints.jsonl"), KEY);
    }

    private AuditEntry append(String id, String actor, String subjectKey, String channel, String decision,
                              String rules) {
        long n = Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
        return store.audit().append(new NewAuditEntry(id, T0.plusSeconds(n), decision == null ? "SUPPRESSION_ADDED"
                : "DECISION", actor, subjectKey, null, channel, decision, rules, "{\"policyVersion\":\"r1\"}"));
    }

    private List<AuditEntry> appendChain(int length) {
        List<AuditEntry> chain = new ArrayList<>();
        for (int i = 1; i <= length; i++) {
            chain.add(append("a-" + i, "api", "sk", "EMAIL", "ALLOW", null));
        }
        return chain;
    }

    private List<AuditEntry> query(String subjectKey, String decision, String rule, String kind, String actor) {
        return store.audit().page(new AuditQuery(null, null, subjectKey, null, null, decision, rule, kind, actor, 0,
                100));
    }

    private static List<String> ids(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::id).toList();
    }

    /** Changes the database behind the store's back, as an attacker with SQL access could. */
    private void executeSql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.executeUpdate(sql);
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** An attacker who knows the hash function: edits entry {@code from} and rehashes everything after it. */
    private void rewriteFrom(long from, String payload) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        store.audit().scan(entries::add);
        String prev = entries.get((int) from - 2).hash();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE audit_entries SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?")) {
            for (AuditEntry e : entries.subList((int) from - 1, entries.size())) {
                String newPayload = e.seq() == from ? payload : e.payload();
                String hash = AuditChain.hash(e.seq(), e.id(), e.at(), e.kind(), e.actor(), e.subjectKey(),
                        e.leadId(), e.channel(), e.decision(), e.rules(), newPayload, prev);
                ps.setString(1, newPayload);
                ps.setString(2, prev);
                ps.setString(3, hash);
                ps.setLong(4, e.seq());
                ps.executeUpdate();
                prev = hash;
            }
        }
    }

    private static void insertRaw(Connection c, long seq, String actor, String subjectKey, String channel,
                                  String decision, String rules, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entries (seq, id, at, kind, actor, "
                + "subject_key, lead_id, channel, decision, rules, payload, prev_hash, hash) "
                + "VALUES (?, ?, ?, 'DECISION', ?, ?, NULL, ?, ?, ?, '{}', 'p', 'h')")) {
            ps.setLong(1, seq);
            ps.setString(2, "id-" + seq);
            ps.setLong(3, at.toEpochMilli());
            ps.setString(4, actor);
            ps.setString(5, subjectKey);
            ps.setString(6, channel);
            ps.setString(7, decision);
            ps.setString(8, rules);
            ps.executeUpdate();
        }
    }
}
