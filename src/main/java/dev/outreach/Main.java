package dev.outreach;

import dev.outreach.audit.AuditUpkeep;
import dev.outreach.audit.AuditVerifier;
import dev.outreach.audit.VerifyResult;
import dev.outreach.config.ConfigException;
import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.store.Store;
import dev.outreach.store.jdbc.JdbcStore;
import dev.outreach.template.LintProblem;
import dev.outreach.template.TemplateCatalog;
import dev.outreach.web.WebServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The command line: {@code serve}, {@code templates lint}, {@code audit verify|export|prune}. */
@Command(name = "outreach-gateway", mixinStandardHelpOptions = true, version = "0.1.0",
        description = "Compliance gateway for sales and marketing email, calls and texts.",
        subcommands = {Main.Serve.class, Main.Templates.class, Main.Audit.class, CheckCommand.class, ReportCommand.class,
                ImportCommand.class, SubjectCommand.class, dev.outreach.cli.DkimCommand.class})
public final class Main {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return e instanceof ConfigException ? 2 : 1;
        });
        System.exit(cli.execute(args));
    }

    /** The config file option every command shares. */
    static class ConfigOption {
        @Option(names = "--config", description = "YAML configuration file (keys in docs/configuration.md)")
        Path file;

        GatewayConfig load() {
            return GatewayConfig.load(file, System.getenv());
        }
    }

    @Command(name = "serve", description = "Start the gateway (HTTP API, unsubscribe pages, outbox).")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Override
        public Integer call() throws InterruptedException {
            GatewayConfig cfg = config.load();
            Gateway gateway = new Gateway(cfg, Clock.tickMillis(java.time.ZoneOffset.UTC));
            gateway.keys().bootstrap(System.getenv("OUTREACH_ADMIN_KEY")).ifPresent(issued -> {
                if (System.getenv("OUTREACH_ADMIN_KEY") == null) {
                    System.out.println("ADMIN API key (shown once, store it now): " + issued.plaintext());
                } else {
                    System.out.println("ADMIN API key taken from OUTREACH_ADMIN_KEY.");
                }
            });
            gateway.start();
            WebServer server = new WebServer(gateway).start();
            System.out.println("Outreach Gateway listening on port " + server.port() + " (store: "
                    + gateway.store().dialect() + ", mail: " + (cfg.isSet(ConfigKey.SMTP_HOST) ? "SMTP "
                    + cfg.string(ConfigKey.SMTP_HOST) : cfg.path(ConfigKey.DATA_DIR).resolve("outbox") + "/*.eml") + ")");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                gateway.close();
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "templates", description = "Template tools.", subcommands = TemplatesLint.class)
    static final class Templates {
    }

    @Command(name = "lint", description = "Lint every template; exit 1 if any has an error.")
    static final class TemplatesLint implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Override
        public Integer call() {
            TemplateCatalog catalog = TemplateCatalog.load(config.load().path(ConfigKey.TEMPLATES_DIR));
            List<LintProblem> problems = catalog.problems();
            problems.forEach(p -> System.out.println(p));
            System.out.println(catalog.templates().size() + " templates, " + problems.size() + " problems");
            return catalog.hasErrors() ? 1 : 0;
        }
    }

    @Command(name = "audit", description = "Audit log tools.",
            subcommands = {AuditVerify.class, AuditExportCommand.class, AuditPruneCommand.class})
    static final class Audit {
    }

    @Command(name = "verify", description = "Verify the audit hash chain and its signed checkpoints; exit 1 naming "
            + "the first bad entry.")
    static final class AuditVerify implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Override
        public Integer call() {
            GatewayConfig cfg = config.load();
            try (Store store = JdbcStore.open(cfg.storeUrl(), blankToNull(cfg.string(ConfigKey.STORE_USERNAME)),
                    blankToNull(cfg.string(ConfigKey.STORE_PASSWORD)))) {
                VerifyResult r = AuditVerifier.verify(store.audit(), AuditUpkeep.checkpointFile(cfg, store.secrets()));
                System.out.println(r.summary());
                return r.ok() ? 0 : 1;
            }
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
