package dev.outreach.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import dev.outreach.store.ApiKeys;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.CategoryOptOuts;
import dev.outreach.store.Consents;
import dev.outreach.store.DeliveryRecords;
import dev.outreach.store.EventSubscriptions;
import dev.outreach.store.IdempotencyRecords;
import dev.outreach.store.KnownRecipients;
import dev.outreach.store.Leads;
import dev.outreach.store.Outbox;
import dev.outreach.store.RevocationReviews;
import dev.outreach.store.Secrets;
import dev.outreach.store.Store;
import dev.outreach.store.StoreException;
import dev.outreach.store.Suppressions;
import dev.outreach.store.Touches;
import dev.outreach.store.Transactions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The store on a SQLite file (default) or a PostgreSQL database shared by several gateway instances. */
public final class JdbcStore implements Store {

    private final Database db;
    private final Leads leads;
    private final Touches touches;
    private final Suppressions suppressions;
    private final AuditEntries audit;
    private final ApiKeys apiKeys;
    private final Outbox outbox;
    private final IdempotencyRecords idempotency;
    private final Secrets secrets;
    private final Consents consents;
    private final RevocationReviews revocationReviews;
    private final Transactions transactions;
    private final JdbcSideTables sideTables;
    private final DeliveryRecords deliveryRecords;
    private final KnownRecipients knownRecipients;

    /** The connections behind this store, for tests in this package. */
    Database database() {
        return db;
    }

    private JdbcStore(Database db) {
        this.db = db;
        this.secrets = new JdbcSecrets(db);
        KeyFingerprints fingerprints = db.dialect().keepsRecipientKeyLog()
                ? new KeyFingerprints(secrets.getOrCreate(KeyFingerprints.SECRET_NAME, JdbcStore::randomSecret))
                : null;
        RecipientKeyLog keyLog = new RecipientKeyLog(fingerprints);
        this.knownRecipients = fingerprints == null ? KnownRecipients.EVERYONE
                : new JdbcKnownRecipients(db, fingerprints);
        this.leads = new JdbcLeads(db, keyLog);
        this.touches = new JdbcTouches(db, keyLog);
        this.suppressions = new JdbcSuppressions(db, keyLog);
        this.audit = new JdbcAuditEntries(db);
        this.apiKeys = new JdbcApiKeys(db);
        this.outbox = new JdbcOutbox(db);
        this.idempotency = new JdbcIdempotencyRecords(db);
        this.consents = new JdbcConsents(db, keyLog);
        this.revocationReviews = new JdbcRevocationReviews(db);
        this.sideTables = new JdbcSideTables(db, keyLog);
        this.deliveryRecords = new JdbcDeliveryRecords(db);
        this.transactions = new Transactions() {
            @Override
            public <T> T atomically(String operation, Supplier<T> unit) {
                return db.atomically(operation, unit);
            }

            @Override
            public <T> T serialisedFor(String recipientKey, Supplier<T> work) {
                return db.serialisedFor(recipientKey, work);
            }

            @Override
            public void afterThisCommits(Runnable action) {
                db.afterThisCommits(action);
            }

            @Override
            public void afterCommit(Consumer<List<String>> listener) {
                db.afterCommit(listener);
            }
        };
    }

    /**
     * Opens a connection pool and brings the schema up to date. For SQLite the file and its
     * directory are created when missing.
     *
     * @param jdbcUrl {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...}
     * @param user null when the URL carries it or the database needs none
     * @param password null when the URL carries it or the database needs none
     */
    public static JdbcStore open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, null);
    }

    /**
     * As {@link #open(String, String, String)}, and the connection pools report to {@code metrics}
     * (HikariCP's {@code hikaricp_connections_*} meters, per pool); null reports nowhere.
     */
    public static JdbcStore open(String jdbcUrl, String user, String password, MeterRegistry metrics) {
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("outreach-store");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        dialect.configure(config, jdbcUrl);
        if (metrics != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        HikariDataSource writerSource;
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(dialect.migrationLocation())
                    // Versions are handed out in ranges per line of work, so a release can bring a
                    // migration numbered below one a database already has (V8 after V66). Each one
                    // only adds its own tables and columns, so applying it late is safe.
                    .outOfOrder(true)
                    .load()
                    .migrate();
            writerSource = new HikariDataSource(writerConfig(config, dialect));
        } catch (FlywayException e) {
            dataSource.close();
            throw new StoreException("schema migration failed", e);
        }
        return new JdbcStore(new Database(dataSource, writerSource, dialect));
    }

    /** The single writer's own connection: a pool of one, so waiting callers can never take it. */
    private static HikariConfig writerConfig(HikariConfig readers, Dialect dialect) {
        HikariConfig writer = new HikariConfig();
        readers.copyStateTo(writer);
        writer.setPoolName("outreach-store-writer");
        writer.setMaximumPoolSize(1);
        writer.setMinimumIdle(1);
        dialect.configureWriter(writer);
        return writer;
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }

    @Override
    public DeliveryRecords deliveryRecords() {
        return deliveryRecords;
    }

    @Override
    public CategoryOptOuts categoryOptOuts() {
        return sideTables;
    }

    @Override
    public EventSubscriptions eventSubscriptions() {
        return sideTables;
    }

    @Override
    public KnownRecipients knownRecipients() {
        return knownRecipients;
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[KeyFingerprints.SECRET_BYTES];
        new java.security.SecureRandom().nextBytes(secret);
        return secret;
    }

    @Override
    public Leads leads() {
        return leads;
    }

    @Override
    public Touches touches() {
        return touches;
    }

    @Override
    public Suppressions suppressions() {
        return suppressions;
    }

    @Override
    public AuditEntries audit() {
        return audit;
    }

    @Override
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public IdempotencyRecords idempotency() {
        return idempotency;
    }

    @Override
    public Secrets secrets() {
        return secrets;
    }

    @Override
    public Consents consents() {
        return consents;
    }

    @Override
    public RevocationReviews revocationReviews() {
        return revocationReviews;
    }

    @Override
    public boolean ping() {
        return db.ping();
    }

    @Override
    public String dialect() {
        return db.dialect().displayName();
    }

    @Override
    public void close() {
        db.close();
    }
}
