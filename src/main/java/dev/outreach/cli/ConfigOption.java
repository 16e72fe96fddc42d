package dev.outreach.cli;

import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.store.Store;
import dev.outreach.store.jdbc.JdbcStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --config} option every command shares (mixed in), and opening the store it names. */
final class ConfigOption {

    @Option(names = "--config", description = "YAML configuration file (keys in docs/configuration.md)")
    Path file;

    GatewayConfig load() {
        return GatewayConfig.load(file, System.getenv());
    }

    /** The store alone, for commands that need no running gateway (audit verify, export, prune). */
    static Store openStore(GatewayConfig cfg) {
        return JdbcStore.open(cfg.storeUrl(), blankToNull(cfg.string(ConfigKey.STORE_USERNAME)),
                blankToNull(cfg.string(ConfigKey.STORE_PASSWORD)));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
