package dev.outreach.store.jdbc;

import dev.outreach.testing.EmbeddedPostgresServer;

class PostgresGdprStoreContractTest extends GdprStoreContractTest {

    @Override
    protected String freshDatabaseUrl() {
        return EmbeddedPostgresServer.freshDatabaseUrl("gdpr");
    }
}
