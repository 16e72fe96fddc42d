package dev.outreach.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.outreach.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Statements kept compiled per SQLite connection ({@link StatementCache}), on a real database file,
 * mostly through the pool exactly as the store configures it ({@link Dialect#SQLITE}).
 */
class StatementCacheTest {

    private static final String NAME_BY_ID = "SELECT name FROM people WHERE id = ?";
    private static final String ALL_NAMES = "SELECT name FROM people ORDER BY id";
    private static final String INSERT_NAME = "INSERT INTO people (name) VALUES (?)";

    @TempDir
    Path dir;

    private String url;
    private HikariDataSource pool;

    @BeforeEach
    void createDatabase() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("people.db");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, doc TEXT)");
            s.execute("INSERT INTO people (id, name, doc) VALUES (1, 'ann', '{}'), (2, 'bob', '{}'), (3, 'cy', '{}')");
        }
        pool = pool(4);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    /** A pool configured as the store's own. */
    private HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        Dialect.SQLITE.configure(config, url);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    private static StatementCache cacheOf(Connection c) throws SQLException {
        return c.unwrap(StatementCache.class);
    }

    private static String nameById(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NAME_BY_ID)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static List<String> allNames(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ALL_NAMES); ResultSet rs = ps.executeQuery()) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private static int insertName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_NAME)) {
            ps.setString(1, name);
            return ps.executeUpdate();
        }
    }

    private List<String> namesSeenByAnotherConnection() throws SQLException {
        try (Connection other = DriverManager.getConnection(url)) {
            return allNames(other);
        }
    }

    // ---- reuse ----

    @Test
    void theSameSqlOnOneConnectionIsCompiledOnceAndEachUseGetsItsOwnAnswer() throws SQLException {
        try (Connection c = pool.getConnection()) {
            assertThat(nameById(c, 1)).isEqualTo("ann");
            assertThat(nameById(c, 2)).isEqualTo("bob");
            assertThat(nameById(c, 4)).isNull();

            assertThat(cacheOf(c).compiled()).isEqualTo(1);
            assertThat(cacheOf(c).idle()).isEqualTo(1);
        }
    }

    @Test
    void aStatementComesBackWithNoParameterValueFromItsLastBorrower() throws SQLException {
        String sql = "SELECT ? IS NULL";
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, "bound and run");
                ps.executeQuery().close();
            }
            assertThat(unboundParameterIsNull(c, sql)).as("an unbound parameter is NULL, as on a fresh statement").isTrue();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, "bound, never run");
            }
            assertThat(unboundParameterIsNull(c, sql)).isTrue();
            assertThat(cacheOf(c).compiled()).isEqualTo(1);
        }
    }

    private static boolean unboundParameterIsNull(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Test
    void aBatchItsBorrowerNeverRanIsNotRunByTheNext() throws SQLException {
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_NAME)) {
                ps.setString(1, "abandoned");
                ps.addBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_NAME)) {
                ps.setString(1, "dee");
                ps.addBatch();
                assertThat(ps.executeBatch()).containsExactly(1);
            }
            assertThat(cacheOf(c).compiled()).isEqualTo(1);
        }
        assertThat(namesSeenByAnotherConnection()).containsExactly("ann", "bob", "cy", "dee");
    }

    @Test
    void aStatementThatCarriedALargeBatchIsFinalizedRatherThanKeptWithItsGrownArray() throws SQLException {
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_NAME)) {
                for (int i = 0; i <= BorrowedStatement.LARGEST_KEPT_BATCH; i++) {
                    ps.setString(1, "bulk-" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            assertThat(cacheOf(c).idle()).isZero();

            assertThat(insertName(c, "dee")).isEqualTo(1);
            assertThat(cacheOf(c).compiled()).isEqualTo(2);
        }
    }

    @Test
    void aNestedUseOfTheSameSqlWhileItsRowsAreStillOpenGetsAStatementOfItsOwn() throws SQLException {
        try (Connection c = pool.getConnection()) {
            List<String> outer = new ArrayList<>();
            List<String> inner = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(ALL_NAMES); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    outer.add(rs.getString(1));
                    inner.add(String.join(",", allNames(c)));
                }
            }

            assertThat(outer).containsExactly("ann", "bob", "cy");
            assertThat(inner).containsOnly("ann,bob,cy").hasSize(3);
            // The outer statement and one for the inner uses; one of the two is kept when both are back.
            assertThat(cacheOf(c).compiled()).isEqualTo(2);
            assertThat(cacheOf(c).idle()).isEqualTo(1);
            assertThat(allNames(c)).containsExactly("ann", "bob", "cy");
            assertThat(cacheOf(c).compiled()).isEqualTo(2);
        }
    }

    @Test
    void closingAStatementMidwayThroughItsRowsEndsItsReadSoTheConnectionSeesLaterWrites() throws SQLException {
        try (Connection c = pool.getConnection()) {
            PreparedStatement ps = c.prepareStatement(ALL_NAMES);
            ResultSet rs = ps.executeQuery();
            rs.next();
            // The borrower closes the statement and leaves its result set half read.
            ps.close();

            try (Connection other = DriverManager.getConnection(url)) {
                insertName(other, "dee");
            }

            // Another statement: had the kept one not been reset, it would still hold the old snapshot.
            assertThat(nameById(c, 4)).isEqualTo("dee");
        }
    }

    @Test
    void aClosedHandleCannotReachTheStatementItsNextBorrowerHolds() throws SQLException {
        // Without the pool, whose own proxies would stop the calls before they reach the cache.
        try (Connection c = StatementCache.around(DriverManager.getConnection(url), StatementCache.CAPACITY)) {
            PreparedStatement first = c.prepareStatement(NAME_BY_ID);
            first.close();
            first.close();
            try (PreparedStatement second = c.prepareStatement(NAME_BY_ID)) {
                second.setLong(1, 2);
                assertThat(first.isClosed()).isTrue();
                assertThatThrownBy(() -> first.setLong(1, 1)).isInstanceOf(SQLException.class);
                try (ResultSet rs = second.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("bob");
                }
            }
            assertThat(cacheOf(c).compiled()).isEqualTo(1);
        }
    }

    // ---- settings ----

    @FunctionalInterface
    interface StatementUse {
        void apply(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface StatementReading {
        int read(PreparedStatement ps) throws SQLException;
    }

    record Setting(String name, StatementUse change, StatementReading read) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Setting> settingsThatWouldOutliveABorrowing() {
        return Stream.of(
                new Setting("max rows", ps -> ps.setMaxRows(1), PreparedStatement::getMaxRows),
                new Setting("fetch size", ps -> ps.setFetchSize(2), PreparedStatement::getFetchSize),
                new Setting("query timeout", ps -> ps.setQueryTimeout(7), PreparedStatement::getQueryTimeout));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settingsThatWouldOutliveABorrowing")
    void aSettingOneBorrowerChangedIsNotSeenByTheNext(Setting setting) throws SQLException {
        try (Connection c = pool.getConnection()) {
            int untouched;
            try (PreparedStatement ps = c.prepareStatement(ALL_NAMES)) {
                untouched = setting.read().read(ps);
                setting.change().apply(ps);
                ps.executeQuery().close();
            }

            try (PreparedStatement ps = c.prepareStatement(ALL_NAMES)) {
                assertThat(setting.read().read(ps)).isEqualTo(untouched);
            }
            assertThat(allNames(c)).containsExactly("ann", "bob", "cy");
        }
    }

    @Test
    void aFetchSizeSetByAScanLikeTheRepositoriesDoReadsEveryRowAndIsNotKept() throws SQLException {
        try (Connection c = pool.getConnection()) {
            List<String> names = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(ALL_NAMES)) {
                ps.setFetchSize(1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            assertThat(names).containsExactly("ann", "bob", "cy");
            assertThat(cacheOf(c).idle()).isZero();
        }
    }

    // ---- failures ----

    record Failure(String name, String sql, StatementUse failing, StatementReading working) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Failure> failures() {
        return Stream.of(
                // sqlite-jdbc resets the statement after a constraint violation and keeps it.
                new Failure("unique violation", INSERT_NAME,
                        ps -> {
                            ps.setString(1, "ann");
                            ps.executeUpdate();
                        },
                        ps -> {
                            ps.setString(1, "dee");
                            return ps.executeUpdate();
                        }),
                // sqlite-jdbc finalizes the native statement after this one: reused, it would answer
                // "statement is not executing" to every later caller.
                new Failure("error while stepping", "SELECT length(json(?))",
                        ps -> {
                            ps.setString(1, "{not json");
                            ps.executeQuery();
                        },
                        ps -> {
                            ps.setString(1, "{\"a\":1}");
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                return rs.getInt(1);
                            }
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aStatementThatThrewIsReplacedNotHandedOutBroken(Failure failure) throws SQLException {
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(failure.sql())) {
                assertThatThrownBy(() -> failure.failing().apply(ps)).isInstanceOf(SQLException.class);
            }

            try (PreparedStatement ps = c.prepareStatement(failure.sql())) {
                assertThat(failure.working().read(ps)).isPositive();
            }
            assertThat(cacheOf(c).compiled()).isEqualTo(2);
            assertThat(cacheOf(c).idle()).isEqualTo(1);
        }
    }

    @Test
    void aResultSetThatFailedMidwayLeavesItsStatementResetAndUsable() throws SQLException {
        String sql = "SELECT length(json(doc)) FROM people ORDER BY id";
        try (Connection c = pool.getConnection()) {
            try (Connection other = DriverManager.getConnection(url); Statement s = other.createStatement()) {
                s.executeUpdate("UPDATE people SET doc = '{not json' WHERE name = 'bob'");
            }
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThatThrownBy(rs::next).isInstanceOf(SQLException.class);
            }
            try (Connection other = DriverManager.getConnection(url); Statement s = other.createStatement()) {
                s.executeUpdate("UPDATE people SET doc = '{}' WHERE name = 'bob'");
            }

            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                }
                assertThat(rows).isEqualTo(3);
            }
            assertThat(cacheOf(c).compiled()).isEqualTo(1);
        }
    }

    // ---- connections ----

    @Test
    void statementsOfDifferentConnectionsAreNeverShared() throws SQLException {
        try (Connection a = pool.getConnection(); Connection b = pool.getConnection();
             PreparedStatement onA = a.prepareStatement(ALL_NAMES); PreparedStatement onB = b.prepareStatement(ALL_NAMES);
             ResultSet rowsA = onA.executeQuery(); ResultSet rowsB = onB.executeQuery()) {
            // Read in turns: one statement shared by both would restart or skip rows.
            List<String> readA = new ArrayList<>();
            List<String> readB = new ArrayList<>();
            while (rowsA.next() & rowsB.next()) {
                readA.add(rowsA.getString(1));
                readB.add(rowsB.getString(1));
            }
            assertThat(readA).containsExactly("ann", "bob", "cy");
            assertThat(readB).containsExactly("ann", "bob", "cy");
            assertThat(cacheOf(a)).isNotSameAs(cacheOf(b));
            assertThat(cacheOf(a).compiled()).isEqualTo(1);
            assertThat(cacheOf(b).compiled()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionThePoolRetiresFinalizesItsStatements() throws SQLException {
        StatementCache cache;
        try (Connection c = pool.getConnection()) {
            nameById(c, 1);
            allNames(c);
            cache = cacheOf(c);
        }
        assertThat(cache.idle()).isEqualTo(2);

        pool.close();

        assertThat(cache.idle()).isZero();
    }

    @Test
    void aStatementStillBorrowedWhenItsConnectionClosesIsFinalizedWhenItComesBack() throws SQLException {
        Connection c = StatementCache.around(DriverManager.getConnection(url), StatementCache.CAPACITY);
        StatementCache cache = cacheOf(c);
        PreparedStatement ps = c.prepareStatement(ALL_NAMES);
        ResultSet rs = ps.executeQuery();
        Statement driverStatement = rs.getStatement();

        c.close();
        ps.close();

        assertThat(driverStatement.isClosed()).isTrue();
        assertThat(cache.idle()).isZero();
    }

    @Test
    void theCacheKeepsAtMostItsCapacityAndFinalizesTheLeastRecentlyReturned() throws SQLException {
        try (Connection c = StatementCache.around(DriverManager.getConnection(url), 2)) {
            Statement first;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
                first = rs.getStatement();
            }
            c.prepareStatement("SELECT 2").close();
            c.prepareStatement("SELECT 3").close();

            assertThat(cacheOf(c).idle()).isEqualTo(2);
            assertThat(first.isClosed()).as("the evicted statement is finalized").isTrue();
            c.prepareStatement("SELECT 3").close();
            c.prepareStatement("SELECT 2").close();
            assertThat(cacheOf(c).compiled()).isEqualTo(3);
            c.prepareStatement("SELECT 1").close();
            assertThat(cacheOf(c).compiled()).isEqualTo(4);
        }
    }

    @Test
    void otherFormsOfPrepareStatementPassThroughUncached() throws SQLException {
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(ALL_NAMES, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY); ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
            assertThat(cacheOf(c).compiled()).isZero();
            assertThat(cacheOf(c).idle()).isZero();
        }
    }

    // ---- transactions ----

    @Test
    void aKeptStatementRunsInWhateverTransactionItsConnectionIsIn() throws SQLException {
        try (Connection c = pool.getConnection()) {
            insertName(c, "dee");
            c.setAutoCommit(false);
            insertName(c, "eve");
            c.rollback();
            c.setAutoCommit(true);
            insertName(c, "fay");
            c.setAutoCommit(false);
            insertName(c, "gus");
            c.setAutoCommit(true);

            assertThat(cacheOf(c).compiled()).isEqualTo(1);
        }
        assertThat(namesSeenByAnotherConnection()).containsExactly("ann", "bob", "cy", "dee", "fay", "gus");
    }

    @Test
    void theWritersStatementsAreReusedAcrossGroupsAndAFailedUnitIsUndoneToItsSavepoint() throws SQLException {
        try (HikariDataSource writerPool = pool(1);
             GroupCommitWriter writer = new GroupCommitWriter(writerPool::getConnection, connection -> { },
                     (operation, e) -> new StoreException(operation, e))) {
            writer.submit("dee", c -> insertName(c, "dee"));
            assertThatThrownBy(() -> writer.submit("eve then ann again", c -> {
                insertName(c, "eve");
                return insertName(c, "ann");
            })).isInstanceOf(StoreException.class);
            writer.submit("fay", c -> insertName(c, "fay"));

            // The statement that hit the violation was replaced once; every other insert reused one. The
            // writer's SAVEPOINT, RELEASE and ROLLBACK TO are compiled once each, for all five units.
            long compiled = writer.submit("count", c -> cacheOf(c).compiled());
            assertThat(compiled).isEqualTo(2 + 3);
        }
        assertThat(namesSeenByAnotherConnection()).containsExactly("ann", "bob", "cy", "dee", "fay");
    }

    @Test
    void readsAndWritesThroughTheStoresDatabaseCompileEachStatementOncePerConnection() throws SQLException {
        Database db = new Database(pool, pool(1), Dialect.SQLITE);
        try {
            Map<StatementCache, Long> compiledByConnection = new IdentityHashMap<>();
            for (int i = 0; i < 20; i++) {
                String name = db.read("name", c -> {
                    String found = nameById(c, 3);
                    compiledByConnection.put(cacheOf(c), cacheOf(c).compiled());
                    return found;
                });
                assertThat(name).isEqualTo("cy");
            }
            int inserted = db.write("insert", c -> insertName(c, "dee")) + db.write("insert", c -> insertName(c, "eve"));
            assertThat(inserted).isEqualTo(2);

            assertThat(compiledByConnection.values()).as("reads: compiled on the first read of each connection only")
                    .containsOnly(1L);
            long compiledByWriter = db.write("writer", c -> cacheOf(c).compiled());
            assertThat(compiledByWriter).as("the insert, and SAVEPOINT and RELEASE of every unit").isEqualTo(1 + 2);
        } finally {
            db.close();
        }
    }
}
