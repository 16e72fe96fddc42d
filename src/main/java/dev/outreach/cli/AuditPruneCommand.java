package dev.outreach.cli;

import dev.outreach.Gateway;
import dev.outreach.audit.AuditRetention;
import dev.outreach.audit.AuditTrail;
import dev.outreach.audit.AuditUpkeep;
import dev.outreach.config.GatewayConfig;
import dev.outreach.store.Store;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code audit prune}: the retention job the server runs daily, on demand. With
 * {@code --dry-run} it only reports the range it would remove. Exit 1 when it refuses because the
 * chain does not verify.
 */
@Command(name = "prune", description = "Remove audit entries past retention, up to a signed checkpoint "
        + "(audited as AUDIT_PRUNED).")
public final class AuditPruneCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--dry-run", description = "report what would be pruned; change nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        GatewayConfig cfg = config.load();
        Clock clock = Clock.systemUTC();
        try (Store store = ConfigOption.openStore(cfg)) {
            AuditTrail trail = new AuditTrail(store.audit(), store.transactions(), Gateway.objectMapper(), clock, new SimpleMeterRegistry());
            AuditUpkeep upkeep = AuditUpkeep.from(cfg, store.audit(), store.secrets(), trail, clock);
            AuditRetention.Report report = upkeep.retention().prune("cli", dryRun);
            if (report.pruned()) {
                upkeep.checkpoints().checkpointNow(); // seals the AUDIT_PRUNED entry at once
            }
            System.out.println(report.detail());
            return report.refused() ? 1 : 0;
        }
    }
}
