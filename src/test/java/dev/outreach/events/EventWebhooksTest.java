package dev.outreach.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.outreach.Gateway;
import dev.outreach.config.ConfigKey;
import dev.outreach.store.EventDelivery;
import dev.outreach.store.OutboxStatus;
import dev.outreach.testing.MutableClock;
import dev.outreach.web.RunningGateway;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outgoing event webhooks against a real HTTP receiver (the JDK's server on port 0). The
 * dispatcher's schedule is set to an hour, and each test runs it explicitly, with a clock it moves.
 */
class EventWebhooksTest {

    private static final String SECRET = "whsec-0123456789abcdef";
    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");
    private static final ObjectMapper JSON = Gateway.objectMapper();

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-11T15:00:00Z"));
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> answers = new LinkedBlockingQueue<>();
    HttpServer receiver;
    RunningGateway gw;

    record Received(String signature, String eventType, String body) {
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("Outreach-Signature"),
                    exchange.getRequestHeaders().getFirst("Outreach-Event-Type"),
                    new String(body, StandardCharsets.UTF_8)));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        receiver.stop(0);
    }

    private RunningGateway startGateway() {
        return RunningGateway.start(dir, Map.of(ConfigKey.EVENTS_POLL_INTERVAL, "PT1H",
                ConfigKey.EVENTS_RETRY_FIRST_DELAY, "PT1M"), clock);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }

    private String subscribe(String... events) {
        Reply r = gw.post("/api/v1/event-subscriptions", RunningGateway.ADMIN_KEY, "{\"url\":\"" + url()
                + "\",\"events\":" + jsonList(events) + ",\"secret\":\"" + SECRET + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.text("secret")).isEqualTo(SECRET);
        return r.text("id");
    }

    private void suppress(String email) {
        Reply r = gw.post("/api/v1/suppressions", RunningGateway.ADMIN_KEY, "{\"type\":\"EMAIL\",\"value\":\""
                + email + "\",\"reason\":\"UNSUBSCRIBE\",\"source\":\"crm\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("a POST reached the receiver").isNotNull();
        return r;
    }

    private List<EventDelivery> deliveries(String subscriptionId) {
        return gw.gateway.store().eventSubscriptions().recent(subscriptionId, 100);
    }

    @Test
    void theSignatureVerifiesAndAReceiverThatFailsTwiceGetsTheEventOnTheThirdAttempt() throws Exception {
        gw = startGateway();
        String id = subscribe("unsubscribe");
        answers.addAll(List.of(500, 503));
        suppress("ann@example.org");

        gw.gateway.events().dispatcher().runOnce();
        Received first = next();
        Matcher sig = SIGNATURE.matcher(first.signature());
        assertThat(sig.matches()).as(first.signature()).isTrue();
        assertThat(sig.group(2)).isEqualTo(WebhookSignature.hmac(SECRET, sig.group(1) + "." + first.body()));
        assertThat(Long.parseLong(sig.group(1))).isEqualTo(clock.instant().getEpochSecond());
        JsonNode event = JSON.readTree(first.body());
        assertThat(event.path("type").asText()).isEqualTo("unsubscribe");
        assertThat(first.eventType()).isEqualTo("unsubscribe");
        assertThat(event.path("data").path("reason").asText()).isEqualTo("UNSUBSCRIBE");
        assertThat(first.body()).as("no address in the payload").doesNotContain("ann@").doesNotContain("example.org");
        EventDelivery afterOne = deliveries(id).get(0);
        assertThat(afterOne.status()).isEqualTo(EventDelivery.PENDING);
        assertThat(afterOne.attempts()).isEqualTo(1);
        assertThat(afterOne.lastStatus()).isEqualTo(500);
        assertThat(afterOne.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));

        gw.gateway.events().dispatcher().runOnce();
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("not due before its backoff").isNull();

        clock.advance(Duration.ofMinutes(1));
        gw.gateway.events().dispatcher().runOnce();
        assertThat(next().body()).isEqualTo(first.body());
        assertThat(deliveries(id).get(0).nextAttemptAt()).as("the wait doubles")
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

        clock.advance(Duration.ofMinutes(2));
        gw.gateway.events().dispatcher().runOnce();
        Received third = next();

        assertThat(third.body()).isEqualTo(first.body());
        EventDelivery done = deliveries(id).get(0);
        assertThat(done.status()).isEqualTo(EventDelivery.DELIVERED);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.lastStatus()).isEqualTo(200);
        assertThat(deliveries(id)).hasSize(1);
        String console = adminConsole("/ui/events");
        assertThat(console).contains("id=\"delivery-" + done.id() + "\" data-status=\"DELIVERED\"");
        assertThat(console.substring(console.indexOf("id=\"delivery-" + done.id())))
                .contains("<td class=\"attempts\">3</td>").contains("HTTP 200");
    }

    /** A console page as the ADMIN sees it, signed in over plain HTTP. */
    private String adminConsole(String path) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> signIn = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(gw.baseUrl() + "/ui/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("apiKey=" + RunningGateway.ADMIN_KEY)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(303);
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        Reply page = gw.call("GET", path, null, null, "Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.body();
    }

    @Test
    void afterARestartOfTheGatewayNothingIsLost() throws Exception {
        gw = startGateway();
        String id = subscribe("unsubscribe");
        answers.add(503);
        suppress("first@example.org");
        gw.gateway.events().dispatcher().runOnce();
        String firstId = JSON.readTree(next().body()).path("id").asText();
        suppress("second@example.org");
        gw.close();

        gw = startGateway();
        clock.advance(Duration.ofMinutes(1));
        gw.gateway.events().dispatcher().runOnce();

        List<String> ids = new ArrayList<>();
        ids.add(JSON.readTree(next().body()).path("id").asText());
        ids.add(JSON.readTree(next().body()).path("id").asText());
        assertThat(ids).contains(firstId).hasSize(2).doesNotHaveDuplicates();
        assertThat(deliveries(id)).hasSize(2).allMatch(d -> d.status().equals(EventDelivery.DELIVERED));
        gw.gateway.events().dispatcher().runOnce();
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("nothing delivered twice").isNull();
    }

    @Test
    void decisionAndDeliveryEventsCarryIdsAndOutcomesButNoAddress() throws Exception {
        gw = startGateway();
        subscribe("decision", "delivery");
        String integration = gw.key("crm", "INTEGRATION");
        Reply lead = gw.post("/api/v1/leads", integration, "{\"id\":\"hook-1\",\"email\":\"pat@buyer.example\","
                + "\"firstName\":\"Pat\",\"country\":\"US\"}");
        assertThat(lead.status()).as(lead.body()).isEqualTo(201);
        Reply sent = gw.post("/api/v1/emails", integration, "{\"leadId\":\"hook-1\",\"template\":"
                + "\"lead-qualification-schedule-call\",\"data\":{\"repName\":\"Sam Rep\"}}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        awaitSent(sent.text("messageId"));
        clock.advance(Duration.ofSeconds(5));

        gw.gateway.events().dispatcher().runOnce();

        JsonNode decision = JSON.readTree(next().body());
        JsonNode delivery = JSON.readTree(next().body());
        assertThat(decision.path("type").asText()).isEqualTo("decision");
        assertThat(decision.path("data").path("decision").asText()).isEqualTo("ALLOW");
        assertThat(decision.path("data").path("leadId").asText()).isEqualTo("hook-1");
        assertThat(decision.path("data").path("auditId").asText()).isEqualTo(sent.text("auditId"));
        assertThat(delivery.path("type").asText()).isEqualTo("delivery");
        assertThat(delivery.path("data").path("messageId").asText()).isEqualTo(sent.text("messageId"));
        assertThat(delivery.path("data").path("status").asText()).isEqualTo("SENT");
        assertThat(decision.toString() + delivery).doesNotContain("pat@").doesNotContain("buyer.example");
    }

    @Test
    void subscriptionsAreForAdminsOnlyNameTheFieldAtFaultAndNeverListTheSecret() {
        gw = startGateway();
        String rep = gw.key("rep-1", "REP");

        Reply forbidden = gw.post("/api/v1/event-subscriptions", rep, "{\"url\":\"" + url()
                + "\",\"events\":[\"decision\"]}");
        Reply badEvent = gw.post("/api/v1/event-subscriptions", RunningGateway.ADMIN_KEY, "{\"url\":\"" + url()
                + "\",\"events\":[\"decision\",\"opened\"]}");
        Reply badUrl = gw.post("/api/v1/event-subscriptions", RunningGateway.ADMIN_KEY,
                "{\"url\":\"ftp://example.org/x\",\"events\":[\"decision\"]}");
        Reply generated = gw.post("/api/v1/event-subscriptions", RunningGateway.ADMIN_KEY, "{\"url\":\"" + url()
                + "\",\"events\":[\"erasure\"]}");

        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(badEvent.status()).isEqualTo(400);
        assertThat(badEvent.json().path("errors").get(0).path("field").asText()).isEqualTo("events");
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.json().path("errors").get(0).path("field").asText()).isEqualTo("url");
        assertThat(generated.status()).isEqualTo(201);
        assertThat(generated.text("secret")).hasSize(64);
        Reply list = gw.get("/api/v1/event-subscriptions", RunningGateway.ADMIN_KEY);
        assertThat(list.json().path("subscriptions")).hasSize(1);
        assertThat(list.body()).doesNotContain(generated.text("secret"));
        assertThat(gw.call("DELETE", "/api/v1/event-subscriptions/" + generated.text("id"), RunningGateway.ADMIN_KEY,
                null).status()).isEqualTo(204);
        assertThat(gw.call("DELETE", "/api/v1/event-subscriptions/" + generated.text("id"), RunningGateway.ADMIN_KEY,
                null).status()).isEqualTo(404);
        assertThat(gw.get("/api/v1/event-subscriptions", RunningGateway.ADMIN_KEY).json().path("subscriptions"))
                .isEmpty();
    }

    private void awaitSent(String messageId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (gw.gateway.store().outbox().find(messageId).orElseThrow().status() == OutboxStatus.SENT) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("message " + messageId + " was not sent");
    }

    private static String jsonList(String... values) {
        StringBuilder b = new StringBuilder("[");
        for (String v : values) {
            b.append(b.length() > 1 ? "," : "").append('"').append(v).append('"');
        }
        return b.append(']').toString();
    }
}
