package dev.outreach.store.jdbc;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteGdprStoreContractTest extends GdprStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected String freshDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("data/outreach.db");
    }
}
