package dev.outreach.gateway.email;

import dev.outreach.config.ConfigKey;
import dev.outreach.testing.EmbeddedPostgresServer;
import dev.outreach.web.RunningGateway;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One email decision is one unit of work: decided under its recipient's lock, committed once with
 * its audit entry, outbox row, touch and subject record. Runs on SQLite and on PostgreSQL.
 */
class OneDecisionOneTransactionTest {

    @TempDir
    Path dir;

    private RunningGateway start(String engine) {
        return RunningGateway.start(dir, engine.equals("postgresql")
                ? Map.of(ConfigKey.STORE_URL, EmbeddedPostgresServer.freshDatabaseUrl("onetx"))
                : Map.of());
    }

    private static void lead(RunningGateway gw, String id) {
        Reply r = gw.post("/api/v1/leads", RunningGateway.ADMIN_KEY, "{\"id\":\"" + id + "\",\"email\":\"" + id
                + "@example.com\",\"firstName\":\"Ann\",\"company\":\"Globex\",\"country\":\"US\",\"owner\":\"rep-1\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static String send(String leadId) {
        return "{\"leadId\":\"" + leadId + "\",\"template\":\"presentation-summary\",\"data\":{\"repName\":\"Bob\"}}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void sixteenIdenticalSendsAtOnceToOneRecipientGiveExactlyOneAccepted(String engine) throws Exception {
        try (RunningGateway gw = start(engine)) {
            String key = gw.key("campaigns", "INTEGRATION");
            lead(gw, "dup-race");
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return gw.post("/api/v1/emails", key, send("dup-race"));
                }));
            }
            go.countDown();
            List<Reply> answers = new ArrayList<>();
            for (Future<Reply> f : replies) {
                answers.add(f.get());
            }
            pool.shutdown();

            assertThat(answers).filteredOn(r -> r.status() == 202).hasSize(1);
            assertThat(answers).filteredOn(r -> r.status() == 200)
                    .hasSize(15)
                    .allSatisfy(r -> {
                        assertThat(r.text("decision")).isEqualTo("BLOCK");
                        assertThat(r.json().path("reasons").findValuesAsText("rule")).contains("policy.duplicate");
                    });
            assertThat(gw.gateway.store().outbox().forLead("dup-race")).hasSize(1);
            assertThat(gw.gateway.store().touches().forLead("dup-race")).hasSize(16);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void oneSendCommitsItsDecisionOnce(String engine) {
        try (RunningGateway gw = start(engine)) {
            String key = gw.key("campaigns", "INTEGRATION");
            lead(gw, "one-commit");
            List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
            gw.gateway.store().transactions().afterCommit(groups::add);

            Reply r = gw.call("POST", "/api/v1/emails", key, send("one-commit"), "Content-Type", "application/json",
                    "Idempotency-Key", "one-commit-1");

            assertThat(r.status()).as(r.body()).isEqualTo(202);
            List<String> units = groups.stream().flatMap(List::stream)
                    .filter(op -> !op.startsWith("outbox ")) // the dispatcher's own rounds
                    .toList();
            assertThat(units).containsExactly("email send");
        }
    }
}
