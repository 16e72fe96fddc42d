package dev.outreach.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * docs/configuration.md documents every key (so it cannot drift from {@link ConfigKey}), and
 * {@link GatewayConfig} behaves as that document says.
 */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("docs", "configuration.md");

    @TempDir
    Path dir;

    @Test
    void everyConfigKeyHasADocRowWithItsEnvironmentVariableAndDefault() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        List<String> undocumented = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            boolean documented = lines.stream().anyMatch(line -> line.startsWith("|")
                    && line.contains("`" + key.key() + "`")
                    && line.contains("`" + key.environmentVariable() + "`")
                    && (key.defaultValue().isEmpty() ? line.contains("(empty)")
                    : line.contains("`" + key.defaultValue() + "`")));
            if (!documented) {
                undocumented.add(key.key() + " / " + key.environmentVariable() + " / default '" + key.defaultValue() + "'");
            }
        }
        assertThat(undocumented).as("keys without a table row in %s naming key, environment variable and default",
                DOC).isEmpty();
    }

    @Test
    void docNamesTheAdminKeyBootstrapVariableAndTheConfigOption() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        assertThat(doc).contains("OUTREACH_ADMIN_KEY").contains("--config");
    }

    @Test
    void environmentVariableIsPrefixedUpperCaseWithDotsAndHyphensAsUnderscores() {
        assertThat(ConfigKey.HTTP_PORT.environmentVariable()).isEqualTo("OUTREACH_HTTP_PORT");
        assertThat(ConfigKey.PUBLIC_BASE_URL.environmentVariable()).isEqualTo("OUTREACH_PUBLIC_BASE_URL");
    }

    @Test
    void environmentOverridesFileAndFileOverridesDefault() throws IOException {
        Path file = yaml("""
                http:
                  port: 9000
                smtp:
                  host: relay.file.example
                  port: 2525
                public:
                  base-url: https://outreach.example.com
                """);
        GatewayConfig config = GatewayConfig.load(file, Map.of("OUTREACH_HTTP_PORT", "9100"));

        assertThat(config.integer(ConfigKey.HTTP_PORT)).as("environment over file").isEqualTo(9100);
        assertThat(config.string(ConfigKey.SMTP_HOST)).as("file over default").isEqualTo("relay.file.example");
        assertThat(config.integer(ConfigKey.SMTP_PORT)).as("file over default").isEqualTo(2525);
        assertThat(config.string(ConfigKey.DATA_DIR)).as("default when neither sets it").isEqualTo("data");
    }

    @Test
    void withoutFileOrEnvironmentEveryKeyHasItsDefault() {
        GatewayConfig config = GatewayConfig.load(null, Map.of());
        for (ConfigKey key : ConfigKey.values()) {
            if (key != ConfigKey.PUBLIC_BASE_URL) {
                assertThat(config.string(key)).as(key.key()).isEqualTo(key.defaultValue());
            }
        }
        assertThat(config.string(ConfigKey.PUBLIC_BASE_URL)).as("follows http.port").isEqualTo("http://localhost:8080");
        assertThat(config.storeUrl()).isEqualTo("jdbc:sqlite:" + Path.of("data").resolve("gateway.db"));
    }

    @Test
    void fileAcceptsFlatDottedKeysAndAListForAllowedDomains() throws IOException {
        Path file = yaml("""
                smtp.host: relay.example
                public.base-url: https://outreach.example.com
                sender:
                  allowed-domains:
                    - acme.example
                    - mail.acme.example
                """);
        GatewayConfig config = GatewayConfig.load(file, Map.of());

        assertThat(config.string(ConfigKey.SMTP_HOST)).isEqualTo("relay.example");
        assertThat(config.senderDomains()).containsExactly("acme.example", "mail.acme.example");
    }

    @Test
    void unknownKeyInFileFailsNamingTheKey() throws IOException {
        Path file = yaml("""
                smtp:
                  hots: relay.example
                """);
        assertThatThrownBy(() -> GatewayConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("smtp.hots");
    }

    @Test
    void badDurationNamesTheKeyAndItsEnvironmentVariable() {
        assertThatThrownBy(() -> GatewayConfig.load(null, Map.of("OUTREACH_OUTBOX_POLL_INTERVAL", "10s")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("outbox.poll-interval")
                .hasMessageContaining("OUTREACH_OUTBOX_POLL_INTERVAL")
                .hasMessageContaining("10s");
    }

    @Test
    void badDurationInFileIsRefusedTooNamingTheKey() throws IOException {
        Path file = yaml("""
                policy:
                  duplicate-window: 24 hours
                """);
        assertThatThrownBy(() -> GatewayConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("policy.duplicate-window")
                .hasMessageContaining("OUTREACH_POLICY_DUPLICATE_WINDOW");
    }

    @Test
    void durationsAreIsoEightySixOhOne() {
        GatewayConfig config = GatewayConfig.load(null, Map.of("OUTREACH_POLICY_FREQUENCY_WINDOW", "P14D"));
        assertThat(config.duration(ConfigKey.POLICY_FREQUENCY_WINDOW)).isEqualTo(Duration.ofDays(14));
    }

    private Path yaml(String content) throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
