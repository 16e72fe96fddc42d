package dev.outreach;

import dev.outreach.config.ConfigException;
import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.gateway.InactiveLeadPurge;
import dev.outreach.gateway.SubjectErasure;
import dev.outreach.gateway.SubjectExporting;
import dev.outreach.gateway.SubjectObjection;
import dev.outreach.gateway.SuppressionRegister;
import dev.outreach.store.jdbc.JdbcStorageScrub;

import java.nio.file.Path;

/**
 * A data subject's rights (GDPR Art. 15, 17, 21): export, erasure, objection, and the purge of
 * leads inactive past the retention period.
 */
public final class SubjectRights implements AutoCloseable {

    private final SubjectExporting exporting;
    private final SubjectErasure erasure;
    private final SubjectObjection objection;
    private final InactiveLeadPurge inactiveLeads;

    SubjectRights(Foundation base, SuppressionRegister suppressions) {
        GatewayConfig config = base.config();
        Path emlDirectory = config.path(ConfigKey.DATA_DIR).resolve("outbox");
        this.exporting = new SubjectExporting(base.store(), base.audit(), base.pseudonyms(), emlDirectory,
                base.clock());
        this.erasure = new SubjectErasure(base.store(), suppressions, base.audit(), base.pseudonyms(), emlDirectory,
                new JdbcStorageScrub(config.storeUrl(), Foundation.blankToNull(config.string(ConfigKey.STORE_USERNAME)),
                        Foundation.blankToNull(config.string(ConfigKey.STORE_PASSWORD))), base.clock());
        this.objection = new SubjectObjection(base.store(), suppressions, base.audit(), base.pseudonyms(), base.clock());
        try {
            this.inactiveLeads = new InactiveLeadPurge(base.store(), erasure, base.audit(), base.pseudonyms(),
                    config.duration(ConfigKey.RETENTION_INACTIVE_LEADS), base.clock());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    public SubjectExporting exporting() {
        return exporting;
    }

    public SubjectErasure erasure() {
        return erasure;
    }

    public SubjectObjection objection() {
        return objection;
    }

    public InactiveLeadPurge inactiveLeads() {
        return inactiveLeads;
    }

    void start() {
        inactiveLeads.start();
    }

    @Override
    public void close() {
        inactiveLeads.close();
    }
}
