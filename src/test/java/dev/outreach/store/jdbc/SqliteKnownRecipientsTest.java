package dev.outreach.store.jdbc;

import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.Qualification;
import dev.outreach.lead.Stage;
import dev.outreach.lead.StageTransition;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Purpose;
import dev.outreach.policy.SuppressionReason;
import dev.outreach.policy.Verdict;
import dev.outreach.store.Consent;
import dev.outreach.store.ConsentEvidence;
import dev.outreach.store.KnownRecipients;
import dev.outreach.store.SuppressionEntry;
import dev.outreach.store.Touch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which recipients a SQLite store may hold facts about: never a false "no" for a key written by this
 * process, by another process on the same file, before the store was opened, or behind a pruned log.
 */
class SqliteKnownRecipientsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path dir;
    private String url;
    private JdbcStore store;

    @BeforeEach
    void open() {
        url = "jdbc:sqlite:" + dir.resolve("outreach.db");
        store = JdbcStore.open(url, null, null);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aRecipientNothingIsStoredAboutIsNotKnown() {
        KnownRecipients.View view = store.knownRecipients().now();

        assertThat(view.mayHold("nobody@example.com")).isFalse();
        assertThat(view.mayHold("pseudonym-of-nobody")).isFalse();
    }

    @Test
    void everyKindOfFactMakesItsLookupKeyKnown() throws Exception {
        store.knownRecipients().now();
        store.leads().create(lead("lead-1", "ann@example.com", "+13055550123"),
                new StageTransition("lead-1", null, Stage.LEAD_GENERATION, null, T0, "rep-1"));
        store.leads().createAll(List.of(lead("lead-2", "bob@example.com", "+13055550124")),
                List.of(new StageTransition("lead-2", null, Stage.LEAD_GENERATION, null, T0, "rep-1")));
        store.leads().update(lead("lead-1", "ann.new@example.com", "+13055550125"));
        store.touches().record(new Touch("t-1", null, "touched-key", Channel.EMAIL, Purpose.COMMERCIAL, null,
                "intro", Verdict.ALLOW, List.of(), "audit-1", "m-1", false, T0));
        store.consents().add(consent("consented-key"));
        store.suppressions().add(new SuppressionEntry("s-1", "DOMAIN", null, "suppressed-domain-key",
                SuppressionReason.MANUAL, "api", T0));
        store.categoryOptOuts().replace("opted-down-key", Set.of("newsletter"), "preference-centre", T0);

        KnownRecipients.View view = store.knownRecipients().now();

        for (String key : List.of("ann@example.com", "+13055550123", "bob@example.com", "+13055550124",
                "ann.new@example.com", "+13055550125", "touched-key", "consented-key", "suppressed-domain-key",
                "opted-down-key")) {
            assertThat(view.mayHold(key)).as(key).isTrue();
        }
        assertThat(view.mayHold("someone-else")).isFalse();
    }

    @Test
    void aFactWrittenByAnotherProcessIsKnownToTheNextView() {
        assertThat(store.knownRecipients().now().mayHold("opted-out-key")).isFalse();

        try (JdbcStore otherProcess = JdbcStore.open(url, null, null)) {
            otherProcess.suppressions().add(new SuppressionEntry("s-1", "EMAIL", null, "opted-out-key",
                    SuppressionReason.UNSUBSCRIBE, "cli", T0));
        }

        assertThat(store.knownRecipients().now().mayHold("opted-out-key")).isTrue();
    }

    @Test
    void factsStoredBeforeTheStoreOpenedAreKnown() {
        store.touches().record(new Touch("t-1", null, "earlier-key", Channel.EMAIL, Purpose.COMMERCIAL, null,
                "intro", Verdict.ALLOW, List.of(), "audit-1", "m-1", false, T0));
        store.close();

        store = JdbcStore.open(url, null, null);

        assertThat(store.knownRecipients().now().mayHold("earlier-key")).isTrue();
    }

    @Test
    void aReaderBehindAPrunedLogReadsTheTablesAgain() throws Exception {
        assertThat(store.knownRecipients().now().mayHold("late-key")).isFalse();
        try (JdbcStore otherProcess = JdbcStore.open(url, null, null)) {
            otherProcess.consents().add(consent("late-key"));
        }
        try (Connection c = DriverManager.getConnection(url)) {
            RecipientKeyLog.prune(c, Long.MAX_VALUE);
            assertThat(count(c, "SELECT COUNT(*) FROM recipient_keys_log")).isZero();
        }

        assertThat(store.knownRecipients().now().mayHold("late-key")).isTrue();
    }

    @Test
    void theLogHoldsKeyedFingerprintsNeverTheKeys() throws Exception {
        store.leads().create(lead("lead-1", "ann@example.com", "+13055550123"),
                new StageTransition("lead-1", null, Stage.LEAD_GENERATION, null, T0, "rep-1"));

        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(count(c, "SELECT COUNT(*) FROM recipient_keys_log")).isEqualTo(2);
            assertThat(count(c, "SELECT COUNT(*) FROM recipient_keys_log WHERE typeof(fingerprint) <> 'integer'"))
                    .isZero();
        }
        long unkeyed = com.google.common.hash.Hashing.sipHash24().hashString("ann@example.com",
                java.nio.charset.StandardCharsets.UTF_8).asLong();
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(count(c, "SELECT COUNT(*) FROM recipient_keys_log WHERE fingerprint = " + unkeyed)).isZero();
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Lead lead(String id, String email, String phone) {
        return new Lead(id, email, phone, "Ann", "Lee", "Acme", "US", "FL", "America/New_York",
                Stage.LEAD_GENERATION, null, "rep-1", LeadSource.WEB_FORM, Qualification.none(), T0, T0, T0);
    }

    private static Consent consent(String key) {
        return new Consent("c-" + key, Channel.SMS, "PRIOR_EXPRESS_WRITTEN", key, "+13055550123",
                new ConsentEvidence("I agree to receive marketing texts from Acme at this number.", "web-form:pricing",
                        T0, "203.0.113.7", "Mozilla/5.0", "https://acme.example/pricing", "WEB_FORM"),
                T0.plusSeconds(5), null, null);
    }
}
