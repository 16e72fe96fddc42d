package dev.outreach.cli;

import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;
import dev.outreach.mail.dkim.DkimAlgorithm;
import dev.outreach.mail.dkim.DkimKeys;
import dev.outreach.mail.dkim.DkimSigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code dkim generate} writes a signing key and prints the DNS record to publish;
 * {@code dkim check} prints, for every sender domain, the record its keys need (nothing is looked up).
 */
@Command(name = "dkim", description = "DKIM signing keys (RFC 6376).",
        subcommands = {DkimCommand.Generate.class, DkimCommand.Check.class})
public final class DkimCommand {

    static Path keyDir(GatewayConfig config) {
        return config.isSet(ConfigKey.DKIM_DIR) ? config.path(ConfigKey.DKIM_DIR)
                : config.path(ConfigKey.DATA_DIR).resolve("dkim");
    }

    static GatewayConfig load(Path file) {
        return GatewayConfig.load(file, System.getenv());
    }

    /** The zone-file line: TXT strings are at most 255 characters (RFC 1035 §3.3.14), so longer values are split. */
    static String zoneLine(DkimSigningKey key) {
        String value = key.dnsRecord().orElseThrow();
        StringBuilder quoted = new StringBuilder();
        for (int i = 0; i < value.length(); i += 255) {
            quoted.append(quoted.length() == 0 ? "" : " ").append('"')
                    .append(value, i, Math.min(value.length(), i + 255)).append('"');
        }
        return key.dnsName() + ". IN TXT ( " + quoted + " )";
    }

    @Command(name = "generate", description = "Write a new key to <dkim.dir>/<domain>/<selector>.pem and print its "
            + "DNS TXT record.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--config", description = "YAML configuration file (keys in docs/configuration.md)")
        Path configFile;
        @Option(names = "--domain", required = true, description = "Sender domain (the d= tag).")
        String domain;
        @Option(names = "--selector", required = true, description = "Selector (the s= tag), e.g. s2026.")
        String selector;
        @Option(names = "--algorithm", defaultValue = "rsa", description = "rsa (2048 bits, default) or ed25519 (RFC 8463).")
        String algorithm;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            DkimAlgorithm chosen = switch (algorithm) {
                case "rsa" -> DkimAlgorithm.RSA_SHA256;
                case "ed25519" -> DkimAlgorithm.ED25519_SHA256;
                default -> throw new IllegalArgumentException("--algorithm must be rsa or ed25519");
            };
            DkimSigningKey key = DkimKeys.generate(keyDir(load(configFile)), domain, selector, chosen);
            out.println("Wrote the private key for " + key.domain() + " selector " + key.selector()
                    + ". Publish this DNS TXT record, then restart the gateway:");
            out.println(zoneLine(key));
            out.flush();
            return 0;
        }
    }

    @Command(name = "check", description = "Say, for every sender domain, which DNS TXT record its keys need "
            + "(nothing is fetched); exit 1 if a sender domain has no key.")
    static final class Check implements Callable<Integer> {
        @Option(names = "--config", description = "YAML configuration file (keys in docs/configuration.md)")
        Path configFile;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            GatewayConfig config = load(configFile);
            DkimKeys keys = DkimKeys.load(keyDir(config), config.list(ConfigKey.DKIM_KEYS));
            int missing = 0;
            for (String domain : config.senderDomains()) {
                List<DkimSigningKey> domainKeys = keys.forDomain(domain);
                if (domainKeys.isEmpty()) {
                    out.println(domain + ": NO KEY - mail from it goes out unsigned (dkim generate --domain " + domain
                            + " --selector s1)");
                    missing++;
                }
                for (DkimSigningKey key : domainKeys) {
                    out.println(domain + ": signs with " + key.algorithm().tag() + " as d=" + key.domain() + " s="
                            + key.selector() + "; the record must be:");
                    out.println("  " + (key.dnsRecord().isPresent() ? zoneLine(key)
                            : key.dnsName() + " (the key file has no PUBLIC KEY block; add it to print the record)"));
                }
            }
            out.flush();
            return missing == 0 ? 0 : 1;
        }
    }
}
