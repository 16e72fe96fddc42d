package dev.outreach.audit;

import dev.outreach.config.ConfigException;
import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.store.AuditEntries;
import dev.outreach.store.Secrets;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * What keeps the audit log provable over time, assembled from configuration: the signed
 * checkpoint file, the checkpoint writer, and the retention prune. The server starts both jobs;
 * the command line uses the same parts to verify, export and prune.
 */
public final class AuditUpkeep implements AutoCloseable {

    /** Name of the store secret that keys the checkpoint signatures. */
    public static final String CHECKPOINT_KEY_SECRET = "audit-checkpoint-key";

    private final AuditEntries entries;
    private final CheckpointFile file;
    private final AuditCheckpoints checkpoints;
    private final AuditRetention retention;

    private AuditUpkeep(AuditEntries entries, CheckpointFile file, AuditCheckpoints checkpoints,
                        AuditRetention retention) {
        this.entries = entries;
        this.file = file;
        this.checkpoints = checkpoints;
        this.retention = retention;
    }

    /**
     * Wires the parts; starts nothing. Registers the checkpoint writer on {@code trail} so every
     * appended entry counts towards the next checkpoint.
     *
     * @throws ConfigException when a retention or checkpoint setting is not allowed
     */
    public static AuditUpkeep from(GatewayConfig config, AuditEntries entries, Secrets secrets, AuditTrail trail,
                                   Clock clock) {
        RetentionPolicy policy;
        try {
            policy = new RetentionPolicy(config.duration(ConfigKey.RETENTION_AUDIT),
                    config.duration(ConfigKey.RETENTION_COMPANY_DNC));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        CheckpointFile file = checkpointFile(config, secrets);
        AuditCheckpoints checkpoints;
        try {
            checkpoints = new AuditCheckpoints(entries, file, clock,
                    config.integer(ConfigKey.AUDIT_CHECKPOINT_EVERY_ENTRIES),
                    config.duration(ConfigKey.AUDIT_CHECKPOINT_INTERVAL));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        trail.afterAppend(checkpoints::appended);
        return new AuditUpkeep(entries, file, checkpoints, new AuditRetention(entries, trail, file, policy, clock));
    }

    /** The configured checkpoint file, keyed with the store's checkpoint secret (created on first use). */
    public static CheckpointFile checkpointFile(GatewayConfig config, Secrets secrets) {
        return new CheckpointFile(checkpointPath(config), secrets.getOrCreate(CHECKPOINT_KEY_SECRET,
                AuditUpkeep::random32));
    }

    /** {@code audit.checkpoint-file}, or {@code audit-checkpoints.jsonl} in the data directory. */
    public static Path checkpointPath(GatewayConfig config) {
        return config.isSet(ConfigKey.AUDIT_CHECKPOINT_FILE) ? config.path(ConfigKey.AUDIT_CHECKPOINT_FILE)
                : config.path(ConfigKey.DATA_DIR).resolve("audit-checkpoints.jsonl");
    }

    /** Starts the checkpoint timer and the daily retention prune. */
    public void start() {
        checkpoints.start();
        retention.start();
    }

    /** The whole chain against the checkpoint file. */
    public VerifyResult verify() {
        return AuditVerifier.verify(entries, file);
    }

    public CheckpointFile file() {
        return file;
    }

    public AuditCheckpoints checkpoints() {
        return checkpoints;
    }

    public AuditRetention retention() {
        return retention;
    }

    /** Stops the jobs and writes the shutdown checkpoint; call before the store closes. */
    @Override
    public void close() {
        retention.close();
        checkpoints.close();
    }

    private static byte[] random32() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
