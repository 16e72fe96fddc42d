package dev.outreach.store.jdbc;

import dev.outreach.testing.EmbeddedPostgresServer;

class PostgresConsentStoreContractTest extends ConsentStoreContractTest {

    @Override
    protected String freshDatabaseUrl() {
        return EmbeddedPostgresServer.freshDatabaseUrl("consents");
    }
}
