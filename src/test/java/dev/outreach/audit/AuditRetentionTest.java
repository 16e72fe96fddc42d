package dev.outreach.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.NewAuditEntry;
import dev.outreach.store.PruneBoundary;
import dev.outreach.store.Store;
import dev.outreach.store.jdbc.JdbcStore;
import dev.outreach.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retention: only entries past their retention, only up to a signed checkpoint, only from a chain
 * that verifies; audited; and verification still passes afterwards.
 */
class AuditRetentionTest {

    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String url;
    private Store store;
    private MutableClock clock;
    private AuditTrail trail;
    private CheckpointFile file;

    @BeforeEach
    void open() {
        url = "jdbc:sqlite:" + dir.resolve("audit.db");
        store = JdbcStore.open(url, null, null);
        clock = new MutableClock(T0);
        trail = new AuditTrail(store.audit(), store.transactions(), JSON, clock, new SimpleMeterRegistry());
        file = new CheckpointFile(dir.resolve("checkpoints.jsonl"), KEY);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void entriesPastRetentionAreRemovedUpToTheLastCheckpointBeforeTheFirstOneToKeep() throws Exception {
        List<AuditEntry> old = changesOneDayApart(10);      // seq 1..10, T0+1d .. T0+10d
        checkpoint(4);
        checkpoint(7);
        clock.advance(Duration.ofDays(100));
        changesOneDayApart(2);                               // seq 11..12, recent
        checkpoint(12);
        clock.advance(Duration.ofDays(1825 - 100));         // entries 1..10 are now past five years

        AuditRetention.Report report = retention(RetentionPolicy.defaults()).prune("key:officer", false);

        assertThat(report.pruned()).isTrue();
        assertThat(report.fromSeq()).isEqualTo(1);
        assertThat(report.throughSeq()).as("sealed by the checkpoint at 7, not the expired entry 9").isEqualTo(7);
        assertThat(report.entries()).isEqualTo(7);
        assertThat(report.sealedBy().seq()).isEqualTo(7);
        assertThat(report.detail()).startsWith("pruned entries 1 to 7 (7 entries, " + old.get(0).at() + " to "
                + old.get(6).at() + "), sealed by the checkpoint of ");
        assertThat(store.audit().page(AuditQuery.all(100))).extracting(AuditEntry::seq)
                .containsExactly(8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(store.audit().pruneBoundary()).contains(new PruneBoundary(7, old.get(6).hash(), clock.instant()));

        AuditEntry pruned = store.audit().find(report.auditEntryId()).orElseThrow();
        assertThat(pruned.seq()).isEqualTo(13);
        assertThat(pruned.kind()).isEqualTo("AUDIT_PRUNED");
        assertThat(pruned.actor()).isEqualTo("key:officer");
        JsonNode detail = JSON.readTree(pruned.payload());
        assertThat(detail.path("fromSeq").asLong()).isEqualTo(1);
        assertThat(detail.path("throughSeq").asLong()).isEqualTo(7);
        assertThat(detail.path("entries").asLong()).isEqualTo(7);
        assertThat(detail.path("boundaryHash").asText()).isEqualTo(old.get(6).hash());
        assertThat(detail.path("fromAt").asText()).isEqualTo(old.get(0).at().toString());

        VerifyResult verified = AuditVerifier.verify(store.audit(), file);
        assertThat(verified.ok()).as(verified.detail()).isTrue();
        assertThat(verified.prunedThroughSeq()).isEqualTo(7);
        assertThat(verified.summary()).contains("entries up to 7 were pruned by retention");
    }

    @Test
    void aDryRunReportsTheRangeAndChangesNothing() {
        changesOneDayApart(5);
        checkpoint(5);
        clock.advance(Duration.ofDays(2000));

        AuditRetention.Report report = retention(RetentionPolicy.defaults()).prune("cli", true);

        assertThat(report.dryRun()).isTrue();
        assertThat(report.pruned()).isFalse();
        assertThat(report.fromSeq()).isEqualTo(1);
        assertThat(report.throughSeq()).isEqualTo(5);
        assertThat(report.detail()).startsWith("would prune entries 1 to 5 (5 entries, ");
        assertThat(store.audit().page(AuditQuery.all(100))).hasSize(5);
        assertThat(store.audit().pruneBoundary()).isEmpty();
        assertThat(file.read()).hasSize(1);
    }

    @Test
    void nothingIsPrunedWithoutACheckpointSealingIt() {
        changesOneDayApart(5);
        clock.advance(Duration.ofDays(2000));

        AuditRetention.Report report = retention(RetentionPolicy.defaults()).prune("system", false);

        assertThat(report.pruned()).isFalse();
        assertThat(report.detail()).isEqualTo("nothing to prune: entries have expired, but no checkpoint seals them "
                + "yet");
        assertThat(store.audit().page(AuditQuery.all(100))).hasSize(5);
    }

    @Test
    void nothingIsPrunedBeforeRetentionEnds() {
        changesOneDayApart(5);
        checkpoint(5);
        clock.advance(Duration.ofDays(1000));

        AuditRetention.Report report = retention(RetentionPolicy.defaults()).prune("system", false);

        assertThat(report.pruned()).isFalse();
        assertThat(report.detail()).isEqualTo("nothing to prune: no entry is older than its retention (audit P1825D, "
                + "company do-not-call P1825D)");
    }

    @Test
    void aTamperedChainIsKeptWholeAsEvidence() throws Exception {
        changesOneDayApart(5);
        checkpoint(5);
        clock.advance(Duration.ofDays(2000));
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_entries SET actor = 'someone' WHERE seq = 2");
        }

        AuditRetention.Report report = retention(RetentionPolicy.defaults()).prune("system", false);

        assertThat(report.refused()).isTrue();
        assertThat(report.detail()).startsWith("refused: the audit chain does not verify").contains("entry 2");
        assertThat(store.audit().page(AuditQuery.all(100))).hasSize(5);
    }

    @Test
    void companyDoNotCallRecordsHoldBackThePruneUntilTheirLongerRetentionEnds() {
        RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(365), Duration.ofDays(1825));
        changesOneDayApart(2);                                           // 1, 2
        clock.advance(Duration.ofDays(1));
        store.audit().append(new NewAuditEntry("dnc", clock.instant(), "SUPPRESSION_ADDED", "key:rep", "sk-phone",
                null, "CALL", null, null, "{\"type\":\"PHONE\",\"reason\":\"DNC_REQUEST\"}")); // 3
        changesOneDayApart(2);                                           // 4, 5
        checkpoint(5);
        clock.advance(Duration.ofDays(400));

        AuditRetention.Report first = retention(policy).prune("system", false);
        clock.advance(Duration.ofDays(1500));
        AuditRetention.Report later = retention(policy).prune("system", false);

        assertThat(first.detail()).startsWith("nothing to prune: the expired entries (through 2) are not yet sealed");
        assertThat(later.pruned()).isTrue();
        assertThat(later.throughSeq()).isEqualTo(5);
    }

    @Test
    void anInterruptedPruneIsFinishedAndNeverLooksLikeTampering() {
        List<AuditEntry> entries = changesOneDayApart(6);
        checkpoint(4);
        // The boundary made it to the file, then the process stopped before any row was deleted.
        file.append(new PruneBoundary(4, entries.get(3).hash(), clock.instant()));
        assertThat(AuditVerifier.verify(store.audit(), file).ok()).isTrue();

        clock.advance(Duration.ofDays(10));
        retention(RetentionPolicy.defaults()).prune("system", false);

        assertThat(store.audit().page(AuditQuery.all(100))).extracting(AuditEntry::seq)
                .containsExactly(5L, 6L);
        assertThat(AuditVerifier.verify(store.audit(), file).ok()).isTrue();
    }

    @Test
    void companyDoNotCallRetentionIsNeverShorterThanFiveYears() {
        assertThatThrownBy(() -> new RetentionPolicy(Duration.ofDays(1825), Duration.ofDays(1824)))
                .hasMessage("retention.company-dnc must be at least P1825D (five years, 47 CFR 64.1200(d)(6)), "
                        + "was P1824D");
        assertThatThrownBy(() -> new RetentionPolicy(Duration.ZERO, Duration.ofDays(1825)))
                .hasMessage("retention.audit must be a positive duration, was P0D");
    }

    @Test
    void companyDoNotCallRecordsAreRecognised() {
        assertThat(RetentionPolicy.isCompanyDnc(entry("SUPPRESSION_ADDED", "CALL", null, "{}"))).isTrue();
        assertThat(RetentionPolicy.isCompanyDnc(entry("SUPPRESSION_REMOVED", "SMS", null, "{}"))).isTrue();
        assertThat(RetentionPolicy.isCompanyDnc(entry("DNC_REQUESTED", null, null, "{}"))).isTrue();
        assertThat(RetentionPolicy.isCompanyDnc(entry("DECISION", "CALL", "tcpa.company-dnc", "{}"))).isTrue();
        assertThat(RetentionPolicy.isCompanyDnc(entry("LIST_LOADED", null, null, "{\"kind\":\"PHONE\"}"))).isTrue();
        assertThat(RetentionPolicy.isCompanyDnc(entry("LIST_LOADED", null, null, "{\"kind\":\"EMAIL\"}"))).isFalse();
        assertThat(RetentionPolicy.isCompanyDnc(entry("SUPPRESSION_ADDED", "EMAIL", null, "{}"))).isFalse();
        assertThat(RetentionPolicy.isCompanyDnc(entry("DECISION", "CALL", "tcpa.national-dnc", "{}"))).isFalse();
    }

    private static AuditEntry entry(String kind, String channel, String rules, String payload) {
        return new AuditEntry(1, "id", T0, kind, "api", null, null, channel, null, rules, payload, "p", "h");
    }

    private AuditRetention retention(RetentionPolicy policy) {
        return new AuditRetention(store.audit(), trail, file, policy, clock);
    }

    private List<AuditEntry> changesOneDayApart(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> {
            clock.advance(Duration.ofDays(1));
            return trail.recordChange(AuditKind.KEY_CREATED, "system", null, null, null, Map.of("n", i));
        }).toList();
    }

    private void checkpoint(long seq) {
        AuditEntry e = store.audit().findBySeq(seq).orElseThrow();
        file.append(new Checkpoint(seq, e.hash(), clock.instant()));
    }
}
