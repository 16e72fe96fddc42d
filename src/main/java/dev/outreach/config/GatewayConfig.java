package dev.outreach.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed configuration: defaults, then an optional YAML file, then {@code OUTREACH_*} environment
 * variables, each overriding the one before. Unknown keys in the file are an error so a typo never
 * silently leaves a default in force.
 */
public final class GatewayConfig {

    private final Map<ConfigKey, String> values;

    private GatewayConfig(Map<ConfigKey, String> values) {
        this.values = values;
    }

    public static GatewayConfig load(Path yamlFile, Map<String, String> environment) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        for (ConfigKey k : ConfigKey.values()) {
            values.put(k, k.defaultValue());
        }
        if (yamlFile != null) {
            values.putAll(readYaml(yamlFile));
        }
        for (ConfigKey k : ConfigKey.values()) {
            String env = environment.get(k.environmentVariable());
            if (env != null) {
                values.put(k, env);
            }
        }
        GatewayConfig config = new GatewayConfig(values);
        config.validate();
        return config;
    }

    public static GatewayConfig defaults() {
        return load(null, Map.of());
    }

    /** A copy with some keys replaced; for tests and the CLI. */
    public GatewayConfig with(Map<ConfigKey, String> overrides) {
        Map<ConfigKey, String> copy = new EnumMap<>(values);
        copy.putAll(overrides);
        GatewayConfig config = new GatewayConfig(copy);
        config.validate();
        return config;
    }

    private static Map<ConfigKey, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<ConfigKey, String> out = new EnumMap<>(ConfigKey.class);
        if (root != null && !root.isMissingNode() && !root.isNull()) {
            flatten("", root, out, file);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<ConfigKey, String> out, Path file) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out, file);
            }
            return;
        }
        ConfigKey key = ConfigKey.byKey(prefix).orElseThrow(() -> new ConfigException(
                "unknown config key '" + prefix + "' in " + file + "; see docs/configuration.md for the keys"));
        if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            node.forEach(item -> joined.append(joined.length() == 0 ? "" : ",").append(item.asText()));
            out.put(key, joined.toString());
        } else {
            out.put(key, node.isNull() ? "" : node.asText());
        }
    }

    /**
     * Checks every key and reports every problem at once, so an operator fixes the file in one pass:
     * durations, numbers and booleans parse; the port is a port; {@code public.base-url} is an absolute
     * http(s) URL, and https when SMTP delivery is on (RFC 8058 one-click needs an HTTPS URI) unless
     * {@code public.allow-plain-http}; {@code sender.from-address} is an address.
     */
    private void validate() {
        List<String> problems = new ArrayList<>();
        for (ConfigKey k : ConfigKey.values()) {
            String def = k.defaultValue();
            if (def.startsWith("P")) {
                check(problems, () -> duration(k));
            } else if (def.matches("\\d+")) {
                check(problems, () -> integer(k));
            } else if (def.equals("true") || def.equals("false")) {
                check(problems, () -> bool(k));
            }
        }
        check(problems, () -> {
            int port = integer(ConfigKey.HTTP_PORT);
            if (port < 0 || port > 65535) {
                throw new ConfigException("http.port must be 0..65535, was " + port);
            }
        });
        check(problems, this::checkBaseUrl);
        check(problems, () -> {
            try {
                dev.outreach.contact.EmailAddresses.normalise(string(ConfigKey.SENDER_FROM_ADDRESS));
            } catch (RuntimeException e) {
                throw new ConfigException(named(ConfigKey.SENDER_FROM_ADDRESS) + " must be an email address such as "
                        + "sales@example.com (" + e.getMessage() + ")");
            }
        });
        if (problems.size() == 1) {
            throw new ConfigException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.size() + " configuration problems:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private void checkBaseUrl() {
        String url = string(ConfigKey.PUBLIC_BASE_URL);
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (uri == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(named(ConfigKey.PUBLIC_BASE_URL) + " must be an absolute http(s) URL such as "
                    + "https://outreach.example.com, was '" + url + "'");
        }
        if (isSet(ConfigKey.SMTP_HOST) && scheme.equals("http") && !bool(ConfigKey.PUBLIC_ALLOW_PLAIN_HTTP)) {
            throw new ConfigException(named(ConfigKey.PUBLIC_BASE_URL) + " must be https while smtp.host is set: "
                    + "RFC 8058 one-click unsubscribe needs an HTTPS URI (set public.allow-plain-http: true for a lab)");
        }
    }

    private static String named(ConfigKey key) {
        return key.key() + " (env " + key.environmentVariable() + ")";
    }

    private static void check(List<String> problems, Runnable check) {
        try {
            check.run();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
        }
    }

    public String string(ConfigKey key) {
        String value = values.get(key).trim();
        if (key == ConfigKey.PUBLIC_BASE_URL && value.isEmpty()) {
            // Unsubscribe links must reach this server, so the default follows the port in force.
            return "http://localhost:" + values.get(ConfigKey.HTTP_PORT).trim();
        }
        return value;
    }

    public boolean isSet(ConfigKey key) {
        return !string(key).isEmpty();
    }

    public int integer(ConfigKey key) {
        return parse(key, Integer::parseInt, "a whole number");
    }

    public boolean bool(ConfigKey key) {
        String v = string(key).toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException(named(key) + " must be true or false, was '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    public Duration duration(ConfigKey key) {
        return parse(key, Duration::parse, "an ISO-8601 duration such as PT10S or P7D");
    }

    public java.time.LocalDate date(ConfigKey key) {
        return parse(key, java.time.LocalDate::parse, "an ISO-8601 date such as 2027-01-31");
    }

    public List<String> list(ConfigKey key) {
        return Arrays.stream(string(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public Path path(ConfigKey key) {
        return Path.of(string(key));
    }

    private <T> T parse(ConfigKey key, Function<String, T> parser, String expected) {
        String v = string(key);
        try {
            return parser.apply(v);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ConfigException(key.key() + " (env " + key.environmentVariable() + ") must be " + expected
                    + ", was '" + v + "'");
        }
    }

    /** The JDBC URL in force: store.url, or SQLite in the data directory. */
    public String storeUrl() {
        return isSet(ConfigKey.STORE_URL) ? string(ConfigKey.STORE_URL)
                : "jdbc:sqlite:" + path(ConfigKey.DATA_DIR).resolve("gateway.db");
    }

    /** Allowed sender domains: sender.allowed-domains, or the domain of sender.from-address. */
    public List<String> senderDomains() {
        List<String> configured = list(ConfigKey.SENDER_ALLOWED_DOMAINS);
        if (!configured.isEmpty()) {
            return configured;
        }
        String from = string(ConfigKey.SENDER_FROM_ADDRESS);
        return List.of(from.substring(from.indexOf('@') + 1));
    }
}
