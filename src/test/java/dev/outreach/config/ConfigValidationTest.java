package dev.outreach.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start refuses configuration it cannot honour, naming each key, and all problems at once:
 * public.base-url follows the port, must be an absolute http(s) URL and https while SMTP delivery is
 * on (RFC 8058) unless public.allow-plain-http; sender.from-address must be an address.
 */
class ConfigValidationTest {

    @Test
    void theBaseUrlDefaultFollowsTheHttpPort() {
        GatewayConfig config = GatewayConfig.load(null, Map.of("OUTREACH_HTTP_PORT", "9123"));
        assertThat(config.string(ConfigKey.PUBLIC_BASE_URL)).isEqualTo("http://localhost:9123");
        assertThat(config.with(Map.of(ConfigKey.HTTP_PORT, "9200")).string(ConfigKey.PUBLIC_BASE_URL))
                .isEqualTo("http://localhost:9200");
    }

    @Test
    void aBaseUrlThatIsNotAnAbsoluteHttpUrlStopsTheStartNamingTheKey() {
        for (String bad : new String[] {"localhost:8080", "ftp://files.example.com", "https://", "/u", "http://x y"}) {
            assertThatThrownBy(() -> GatewayConfig.load(null, Map.of("OUTREACH_PUBLIC_BASE_URL", bad)))
                    .as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("public.base-url (env OUTREACH_PUBLIC_BASE_URL) must be an absolute http(s) URL");
        }
    }

    @Test
    void aSenderAddressThatIsNotAnAddressStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> GatewayConfig.load(null, Map.of("OUTREACH_SENDER_FROM_ADDRESS", "sales at example")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sender.from-address (env OUTREACH_SENDER_FROM_ADDRESS) must be an email address");
    }

    @Test
    void withSmtpDeliveryTheBaseUrlMustBeHttpsUnlessPlainHttpIsAllowedForALab() {
        assertThatThrownBy(() -> GatewayConfig.load(null, Map.of("OUTREACH_SMTP_HOST", "relay.example")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("public.base-url (env OUTREACH_PUBLIC_BASE_URL) must be https while smtp.host is set")
                .hasMessageContaining("RFC 8058");
        assertThat(GatewayConfig.load(null, Map.of("OUTREACH_SMTP_HOST", "relay.example",
                "OUTREACH_PUBLIC_BASE_URL", "https://outreach.example.com")).string(ConfigKey.PUBLIC_BASE_URL))
                .isEqualTo("https://outreach.example.com");
        assertThat(GatewayConfig.load(null, Map.of("OUTREACH_SMTP_HOST", "relay.example",
                "OUTREACH_PUBLIC_ALLOW_PLAIN_HTTP", "true")).bool(ConfigKey.PUBLIC_ALLOW_PLAIN_HTTP)).isTrue();
    }

    @Test
    void everyConfigurationProblemIsReportedTogether() {
        assertThatThrownBy(() -> GatewayConfig.load(null, Map.of("OUTREACH_HTTP_PORT", "70000",
                "OUTREACH_OUTBOX_POLL_INTERVAL", "10s", "OUTREACH_PUBLIC_BASE_URL", "nowhere",
                "OUTREACH_SENDER_FROM_ADDRESS", "nobody", "OUTREACH_SMTP_STARTTLS", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("5 configuration problems:")
                .hasMessageContaining("http.port must be 0..65535, was 70000")
                .hasMessageContaining("outbox.poll-interval (env OUTREACH_OUTBOX_POLL_INTERVAL) must be an ISO-8601 duration")
                .hasMessageContaining("public.base-url")
                .hasMessageContaining("sender.from-address")
                .hasMessageContaining("smtp.starttls (env OUTREACH_SMTP_STARTTLS) must be true or false");
    }
}
