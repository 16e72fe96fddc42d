package dev.outreach.store.jdbc;

import dev.outreach.store.AuditEntries;
import dev.outreach.store.AuditQuery;

/**
 * The audit benchmark's window on the store's package-private query plan. Lives in the benchmark
 * module only (same package name, so it can see it); the gateway's public API stays as it is.
 */
public final class AuditBenchAccess {

    private AuditBenchAccess() {
    }

    /** The plan SQLite or PostgreSQL chooses for the query the store would run. */
    public static String plan(AuditEntries audit, AuditQuery query) {
        return ((JdbcAuditEntries) audit).plan(query);
    }
}
