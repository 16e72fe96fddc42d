package dev.outreach.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.Gateway;
import dev.outreach.config.ConfigKey;
import dev.outreach.config.GatewayConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real gateway on a random port for tests: SQLite in a temp dir, the repo's templates, an
 * empty (or given) lists folder, an ADMIN key, and an HTTP client that speaks to it.
 */
public final class RunningGateway implements AutoCloseable {

    public static final String ADMIN_KEY = "test-admin-key-0123456789";
    public static final String POSTAL = "Acme Corp, 100 Main Street, Springfield, IL 62701, USA";

    public final Gateway gateway;
    public final WebServer server;
    public final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = Gateway.objectMapper()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RunningGateway(Gateway gateway, WebServer server, Path dir) {
        this.gateway = gateway;
        this.server = server;
        this.dir = dir;
    }

    /** Starts with the given overrides on top of the test defaults. */
    public static RunningGateway start(Path dir, Map<ConfigKey, String> overrides) {
        return start(dir, overrides, Clock.tickMillis(ZoneOffset.UTC));
    }

    public static RunningGateway start(Path dir, Map<ConfigKey, String> overrides, Clock clock) {
        try {
            Files.createDirectories(dir.resolve("lists"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        int port = freePort();
        values.put(ConfigKey.HTTP_PORT, String.valueOf(port));
        values.put(ConfigKey.PUBLIC_BASE_URL, "http://127.0.0.1:" + port);
        values.put(ConfigKey.HTTP_HOST, "127.0.0.1");
        values.put(ConfigKey.DATA_DIR, dir.resolve("data").toString());
        values.put(ConfigKey.TEMPLATES_DIR, Path.of("templates").toAbsolutePath().toString());
        values.put(ConfigKey.LISTS_DIR, dir.resolve("lists").toString());
        values.put(ConfigKey.LISTS_POLL_INTERVAL, "PT0.2S");
        values.put(ConfigKey.OUTBOX_POLL_INTERVAL, "PT0.2S");
        values.put(ConfigKey.SENDER_POSTAL_ADDRESS, POSTAL);
        values.put(ConfigKey.PUBLIC_ALLOW_PLAIN_HTTP, "true");
        values.putAll(overrides);
        GatewayConfig config = GatewayConfig.defaults().with(values);
        Gateway gateway = new Gateway(config, clock);
        gateway.base().keys().bootstrap(ADMIN_KEY);
        gateway.start();
        WebServer server = new WebServer(gateway).start();
        return new RunningGateway(gateway, server, dir);
    }

    /** Unsubscribe links in messages must reach this server, so the port is chosen before start. */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A response whose body is parsed as JSON when it is JSON. */
    public record Reply(int status, String contentType, String body, JsonNode json) {
        public String text(String field) {
            return json.path(field).asText(null);
        }
    }

    public Reply call(String method, String path, String key, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (body != null && headers.length == 0) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode node = type.contains("json") && !r.body().isEmpty() ? json.readTree(r.body()) : null;
            return new Reply(r.statusCode(), type, r.body(), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String key) {
        return call("GET", path, key, null);
    }

    public Reply post(String path, String key, String body) {
        return call("POST", path, key, body);
    }

    /** Creates a key with the role and returns its plaintext. */
    public String key(String name, String role) {
        Reply r = post("/api/v1/keys", ADMIN_KEY, "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("key creation failed: " + r.body());
        }
        return r.text("key");
    }

    @Override
    public void close() {
        server.close();
        gateway.close();
    }

    public static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (Stream<Path> walk = Files.walk(p)) {
                walk.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
            }
        }
    }
}
