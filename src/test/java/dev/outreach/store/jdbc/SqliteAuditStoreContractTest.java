package dev.outreach.store.jdbc;

import java.util.concurrent.atomic.AtomicInteger;

class SqliteAuditStoreContractTest extends AuditStoreContractTest {

    private final AtomicInteger databases = new AtomicInteger();

    @Override
    protected String freshDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("audit-" + databases.incrementAndGet() + ".db");
    }
}
