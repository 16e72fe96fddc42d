package dev.outreach.store.jdbc;

import dev.outreach.store.Store;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database made by an earlier release (migrations up to V66, without the ones numbered below it
 * that came later) opens and gains the later ones: a release can bring V8 after a database has V66.
 */
class MigrationUpgradeTest {

    private static final Path SQLITE_MIGRATIONS = Path.of("src/main/resources/db/migration/sqlite");
    private static final List<String> LATER = List.of("V7__", "V8__", "V10__", "V12__", "V13__");

    @TempDir
    Path dir;

    @Test
    void aDatabaseWithV66ButNotTheLowerNumberedNewMigrationsUpgradesOnOpen() throws Exception {
        Path earlier = Files.createDirectories(dir.resolve("earlier"));
        try (Stream<Path> files = Files.list(SQLITE_MIGRATIONS)) {
            for (Path f : files.toList()) {
                if (LATER.stream().noneMatch(f.getFileName().toString()::startsWith)) {
                    Files.copy(f, earlier.resolve(f.getFileName()));
                }
            }
        }
        String url = "jdbc:sqlite:" + dir.resolve("old.db");
        Flyway.configure().dataSource(url, null, null).locations("filesystem:" + earlier).load().migrate();
        assertThat(appliedVersions(url)).contains("66").doesNotContain("8", "10", "12", "13");

        try (Store store = JdbcStore.open(url, null, null)) {
            assertThat(store.dialect()).isNotBlank();
        }

        assertThat(appliedVersions(url)).contains("7", "8", "10", "12", "13", "66");
        assertThat(columns(url, "touches")).contains("subject", "dialer");
        assertThat(tables(url)).contains("sent_volume", "sent_messages");
    }

    private static List<String> appliedVersions(String url) throws SQLException {
        return strings(url, "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL");
    }

    private static List<String> tables(String url) throws SQLException {
        return strings(url, "SELECT name FROM sqlite_master WHERE type = 'table'");
    }

    private static List<String> columns(String url, String table) throws SQLException {
        return strings(url, "SELECT name FROM pragma_table_info('" + table + "')");
    }

    private static List<String> strings(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
