package dev.outreach;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.AuditUpkeep;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.gateway.AccessKeys;
import dev.outreach.mail.UnsubscribeTokens;
import dev.outreach.store.Store;
import dev.outreach.store.jdbc.JdbcStore;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * What every feature stands on: configuration, the clock, JSON, metrics, the store, the audit
 * trail and its upkeep, recipient pseudonyms, unsubscribe tokens and the API keys.
 */
public record Foundation(GatewayConfig config, Clock clock, ObjectMapper json, PrometheusMeterRegistry metrics,
                         Store store, AuditTrail audit, AuditUpkeep auditUpkeep, RecipientPseudonyms pseudonyms,
                         UnsubscribeTokens tokens, AccessKeys keys) {

    /** Opens the store (migrating it) and wires the parts that only need it. */
    static Foundation open(GatewayConfig config, Clock clock) {
        ObjectMapper json = Gateway.objectMapper();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Store store = JdbcStore.open(config.storeUrl(), blankToNull(config.string(ConfigKey.STORE_USERNAME)),
                blankToNull(config.string(ConfigKey.STORE_PASSWORD)), metrics);
        countUnitsPerCommit(store, metrics);
        RecipientPseudonyms pseudonyms = new RecipientPseudonyms(
                store.secrets().getOrCreate("recipient-pseudonym-key", Foundation::random32));
        UnsubscribeTokens tokens = new UnsubscribeTokens(
                store.secrets().getOrCreate("unsubscribe-token-key", Foundation::random32));
        AuditTrail audit = new AuditTrail(store.audit(), store.transactions(), json, clock, metrics);
        AuditUpkeep upkeep = AuditUpkeep.from(config, store.audit(), store.secrets(), audit, clock);
        return new Foundation(config, clock, json, metrics, store, audit, upkeep, pseudonyms, tokens,
                new AccessKeys(store.apiKeys(), audit, clock));
    }

    /** Decisions per fsync: how many units of work each group commit carried. */
    private static void countUnitsPerCommit(Store store, PrometheusMeterRegistry metrics) {
        DistributionSummary groupSize = DistributionSummary.builder("outreach.store.commit.units")
                .description("Units of work (decisions and other writes) made durable by one commit of the store's writer")
                .register(metrics);
        store.transactions().afterCommit(units -> groupSize.record(units.size()));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static byte[] random32() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
