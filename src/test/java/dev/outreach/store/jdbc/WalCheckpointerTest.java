package dev.outreach.store.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class WalCheckpointerTest {

    @TempDir
    Path dir;

    private SQLiteDataSource walDatabase(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "0"); // only the checkpointer copies back
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    @Test
    void copiesCommittedPagesBackIntoTheDatabaseFileWhileTheWriterKeepsItsConnection() throws Exception {
        Path file = dir.resolve("wal.db");
        SQLiteDataSource source = walDatabase(file);
        try (Connection writer = source.getConnection(); Statement s = writer.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            writer.setAutoCommit(false);
            try (PreparedStatement insert = writer.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
                for (int i = 0; i < 2_000; i++) {
                    insert.setString(1, "row " + i + " ".repeat(200));
                    insert.executeUpdate();
                }
            }
            writer.commit();
            long before = Files.size(file);

            WalCheckpointer checkpointer = WalCheckpointer.start(source);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Files.size(file) == before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // The file grows while the background checkpoint is still copying; a second checkpoint
            // at that moment is refused as busy (-1), so the thread is stopped, and waited for, first.
            checkpointer.close();
            assertThat(Files.size(file)).as("pages copied into the database file").isGreaterThan(before + 400_000);
            assertThat(checkpointer.checkpoint()).as("frames already copied").isPositive();
        }
    }

    @Test
    void aCheckpointThatFailsIsReportedAsMinusOneAndThrowsNothing() {
        DataSource broken = new SQLiteDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                throw new SQLException("database is locked");
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }
        };
        try (WalCheckpointer checkpointer = WalCheckpointer.start(broken)) {
            assertThat(checkpointer.checkpoint()).isEqualTo(-1);
        }
    }
}
