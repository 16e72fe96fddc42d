package dev.outreach.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /metrics} is complete from the first scrape; a shutdown answers the requests in flight first. */
class ObservabilityTest {

    @TempDir
    Path dir;

    @Test
    void theFirstScrapeHasJvmOutboxAndListMetricsWithHelpTextAndHttpByRouteTemplate() {
        try (RunningGateway gw = RunningGateway.start(dir, Map.of())) {
            Instant now = gw.gateway.clock().instant();
            gw.gateway.store().outbox().enqueue(new OutboxMessage("m-waiting@test", null, "w@example.com", "rk",
                    new byte[0], OutboxStatus.QUEUED, 0, now.plus(Duration.ofDays(1)), null,
                    now.minus(Duration.ofSeconds(90)), now));

            String first = gw.get("/metrics", null).body();

            assertThat(first).contains("# HELP jvm_memory_used_bytes").contains("# HELP jvm_gc_live_data_size_bytes")
                    .contains("# HELP jvm_threads_live_threads").contains("# HELP process_uptime_seconds")
                    .contains("# HELP outreach_outbox_waiting_messages Messages in the outbox waiting for delivery")
                    .contains("outreach_outbox_waiting_messages 1.0")
                    .contains("# HELP outreach_outbox_oldest_age_seconds")
                    .contains("# HELP outreach_suppression_lists_entries")
                    .contains("hikaricp_connections_active{pool=\"outreach-store\"}")
                    .contains("hikaricp_connections_active{pool=\"outreach-store-writer\"}")
                    .contains("# HELP outreach_outbox_deferrals_total")
                    .contains("outreach_outbox_deferrals_total{domain=\"other\"} 0.0")
                    .contains("# HELP outreach_store_commit_units");
            assertThat(ageOfOldest(first)).isBetween(90.0, 3_600.0);

            assertThat(gw.get("/api/v1/leads/no-such-lead-4711", RunningGateway.ADMIN_KEY).status()).isEqualTo(404);
            String second = gw.get("/metrics", null).body();
            assertThat(second).contains("# HELP http_server_requests_seconds HTTP requests by route template")
                    .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/v1/leads/{id}\","
                            + "status=\"404\"")
                    .doesNotContain("no-such-lead-4711");
        }
    }

    @Test
    void aShutdownWaitsForTheRequestInFlightToBeAnsweredAndLogsThatItDrainedIt() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(WebServer.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        RunningGateway gw = RunningGateway.start(dir, Map.of());
        try {
            String key = gw.key("crm-drain", "INTEGRATION");
            byte[] first = "id,email\ndrain-1,drain-1@example.com\n".getBytes(StandardCharsets.US_ASCII);
            byte[] rest = "drain-2,drain-2@example.com\n".getBytes(StandardCharsets.US_ASCII);
            // A raw connection: the body is announced whole but sent in two parts, so the import is
            // provably still being answered while the server is asked to stop.
            try (Socket socket = new Socket("127.0.0.1", gw.server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/leads/import HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                        + "\r\nContent-Type: text/csv\r\nConnection: close\r\nContent-Length: "
                        + (first.length + rest.length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(first);
                out.flush();
                awaitInFlight(gw.server, 1);

                CountDownLatch closed = new CountDownLatch(1);
                Thread closer = new Thread(() -> {
                    gw.server.close();
                    closed.countDown();
                });
                closer.start();
                assertThat(closed.await(500, TimeUnit.MILLISECONDS)).as("close waits for the import").isFalse();
                out.write(rest);
                out.flush();

                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 200").contains("\"imported\":2");
                assertThat(closed.await(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).startsWith("HTTP server stopped: 1 request(s) were in flight, 1 "
                            + "drained in"));
        } finally {
            logger.detachAppender(logs);
            gw.gateway.close();
        }
    }

    /** The request is handled on the server's threads; the test can only look until it has arrived. */
    private static void awaitInFlight(WebServer server, int expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (server.requestsInFlight() != expected) {
            assertThat(Instant.now()).as("request arrived in time").isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static double ageOfOldest(String scrape) {
        return scrape.lines().filter(l -> l.startsWith("outreach_outbox_oldest_age_seconds "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElseThrow();
    }
}
