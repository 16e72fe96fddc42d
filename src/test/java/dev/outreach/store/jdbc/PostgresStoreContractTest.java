package dev.outreach.store.jdbc;

import dev.outreach.testing.EmbeddedPostgresServer;

class PostgresStoreContractTest extends StoreContractTest {

    @Override
    protected String freshDatabaseUrl() {
        return EmbeddedPostgresServer.freshDatabaseUrl("contract");
    }

    @Override
    protected String expectedDialect() {
        return "postgresql";
    }
}
