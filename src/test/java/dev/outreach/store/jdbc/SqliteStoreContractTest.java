package dev.outreach.store.jdbc;

import dev.outreach.policy.SuppressionReason;
import dev.outreach.audit.AuditVerifier;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.Store;
import dev.outreach.store.SuppressionEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteStoreContractTest extends StoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected String freshDatabaseUrl() {
        // A directory that does not exist yet: opening the store must create it.
        return "jdbc:sqlite:" + dir.resolve("data/nested/outreach.db");
    }

    @Override
    protected String expectedDialect() {
        return "sqlite";
    }

    @Test
    void auditEntriesAndSuppressionsSurviveClosingAndReopeningTheFile() {
        AuditEntry appended = store.audit().append(entry("a-1", T0, "DECISION", "sk", null, "EMAIL", "ALLOW", null));
        SuppressionEntry suppression = new SuppressionEntry("s-1", "EMAIL", "ann@example.com", "key-ann",
                SuppressionReason.UNSUBSCRIBE, "one-click", T0);
        store.suppressions().add(suppression);
        store.close();

        try (Store reopened = JdbcStore.open(url(), null, null)) {
            assertThat(reopened.audit().find("a-1")).contains(appended);
            assertThat(reopened.suppressions().findByKey("EMAIL", "key-ann")).containsExactly(suppression);
            assertThat(AuditVerifier.verify(reopened.audit()).ok()).isTrue();
        }
    }

    @Test
    void aClaimReadsTheWaitingMessagesIndexInClaimOrderWithoutSortingOrReadingRows() throws Exception {
        // A sort or a row read here would make each claim cost the whole backlog (the 4 KB messages included).
        assertThat(queryPlan(JdbcOutbox.claimSql(Dialect.SQLITE)))
                .contains("SEARCH outbox USING COVERING INDEX outbox_pending (next_attempt_at<?)")
                .doesNotContain("TEMP B-TREE");
        assertThat(queryPlan(JdbcOutbox.BACKLOG_SQL)).containsExactly("SCAN outbox USING COVERING INDEX outbox_pending");
    }

    @Test
    void theWriterKeepsItsSavepointJournalsInMemoryAndALargerPageCacheThanTheReaders() {
        Database db = ((JdbcStore) store).database();
        // temp_store 2 is MEMORY, 0 the default (files); a negative cache size is in KiB.
        assertThat(db.write("writer pragmas", SqliteStoreContractTest::tempStoreAndCacheSize))
                .containsExactly(2L, (long) Dialect.WRITER_CACHE_KIB);
        assertThat(db.read("reader pragmas", SqliteStoreContractTest::tempStoreAndCacheSize))
                .containsExactly(0L, -2000L);
    }

    private static List<Long> tempStoreAndCacheSize(Connection c) throws SQLException {
        List<Long> values = new ArrayList<>();
        for (String pragma : List.of("PRAGMA temp_store", "PRAGMA cache_size")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(pragma)) {
                rs.next();
                values.add(rs.getLong(1));
            }
        }
        return values;
    }

    private List<String> queryPlan(String sql) throws Exception {
        List<String> plan = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url());
             PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plan.add(rs.getString("detail"));
            }
        }
        return plan;
    }

    @Test
    void theDatabaseFileUsesWriteAheadLogging() throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }
}
