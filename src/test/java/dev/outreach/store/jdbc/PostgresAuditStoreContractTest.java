package dev.outreach.store.jdbc;

import dev.outreach.testing.EmbeddedPostgresServer;

class PostgresAuditStoreContractTest extends AuditStoreContractTest {

    @Override
    protected String freshDatabaseUrl() {
        return EmbeddedPostgresServer.freshDatabaseUrl("audit");
    }
}
