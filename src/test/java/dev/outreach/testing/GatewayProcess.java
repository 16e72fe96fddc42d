package dev.outreach.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real gateway as its own process ({@code Main serve} on the test classpath), configured only
 * through {@code OUTREACH_*} environment variables, for tests that kill it or run several.
 */
public final class GatewayProcess implements AutoCloseable {

    public static final String ADMIN_KEY = "process-admin-key-0123456789";

    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    /**
     * @param dataDir this instance's own data directory
     * @param extra more variables (store URL, SMTP, instance id...)
     */
    public GatewayProcess(Path dataDir, Path log, Map<String, String> extra) {
        this.port = freePort();
        this.log = log;
        this.env = new HashMap<>();
        env.put("OUTREACH_HTTP_PORT", String.valueOf(port));
        env.put("OUTREACH_HTTP_HOST", "127.0.0.1");
        env.put("OUTREACH_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        env.put("OUTREACH_PUBLIC_ALLOW_PLAIN_HTTP", "true");
        env.put("OUTREACH_DATA_DIR", dataDir.toString());
        env.put("OUTREACH_TEMPLATES_DIR", Path.of("templates").toAbsolutePath().toString());
        env.put("OUTREACH_LISTS_DIR", dataDir.resolveSibling(dataDir.getFileName() + "-lists").toString());
        env.put("OUTREACH_SENDER_POSTAL_ADDRESS", "Acme Corp, 100 Main Street, Springfield, IL 62701, USA");
        env.put("OUTREACH_OUTBOX_POLL_INTERVAL", "PT0.2S");
        env.put("OUTREACH_ADMIN_KEY", ADMIN_KEY);
        env.putAll(extra);
    }

    public int port() {
        return port;
    }

    /** Starts the process and waits (at most 60 s) until it answers {@code /health}. */
    public GatewayProcess start() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.outreach.Main", "serve");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway process exited; see " + log);
            }
            try {
                if (get("/health", null).statusCode() == 200) {
                    return this;
                }
            } catch (ConnectException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway did not answer /health within 60 s; see " + log);
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public HttpResponse<String> post(String path, String key, String idempotencyKey, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
