package dev.outreach.cli;

import dev.outreach.audit.AuditUpkeep;
import dev.outreach.audit.AuditVerifier;
import dev.outreach.audit.VerifyResult;
import dev.outreach.config.GatewayConfig;
import dev.outreach.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code audit verify|export|prune}: the audit log's tools (docs/audit.md). */
@Command(name = "audit", description = "Audit log tools.",
        subcommands = {AuditCommand.Verify.class, AuditExportCommand.class, AuditPruneCommand.class})
public final class AuditCommand {

    @Command(name = "verify", description = "Verify the audit hash chain and its signed checkpoints; exit 1 naming "
            + "the first bad entry.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Override
        public Integer call() {
            GatewayConfig cfg = config.load();
            try (Store store = ConfigOption.openStore(cfg)) {
                VerifyResult r = AuditVerifier.verify(store.audit(), AuditUpkeep.checkpointFile(cfg, store.secrets()));
                System.out.println(r.summary());
                return r.ok() ? 0 : 1;
            }
        }
    }
}
