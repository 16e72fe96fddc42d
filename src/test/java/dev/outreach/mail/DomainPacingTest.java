package dev.outreach.mail;

import dev.outreach.store.Outbox;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;
import dev.outreach.store.jdbc.JdbcStore;
import dev.outreach.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pacing through the real dispatcher, SQLite outbox and a scripted SMTP server. */
class DomainPacingTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:15:30Z"));
    private final MimeComposer composer = new MimeComposer(clock, ListUnsubscribeHeaders.httpsOnly());
    private JdbcStore store;
    private Outbox outbox;

    @BeforeEach
    void open() {
        store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null);
        outbox = store.outbox();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String enqueue(String to) {
        ComposedMessage composed = composer.compose(SampleEmails.transactional(to));
        Instant now = clock.instant();
        outbox.enqueue(new OutboxMessage(composed.messageId(), "lead-1", to, "a".repeat(64), composed.mime(),
                OutboxStatus.QUEUED, 0, now, null, now, now));
        return composed.messageId();
    }

    private OutboxDispatcher dispatcher(MailTransport transport, DomainPacing pacing) {
        return new OutboxDispatcher(outbox, transport, message -> { }, clock, DispatchSettings.defaults(), pacing);
    }

    private DomainPacing pacing(Map<String, Integer> rates) {
        return new DomainPacing(new DomainPacing.Settings(true, rates, Map.of(), 1, 1), outbox::sentOn);
    }

    /** One delivery at a time per domain, so which message a deferral hits first is determined. */
    private DomainPacing pacingOneAtATime(Map<String, Integer> rates) {
        return new DomainPacing(new DomainPacing.Settings(true, rates, Map.of(), 1, 1, Map.of("*", 1)), outbox::sentOn);
    }

    private DomainPacing warmingUp(String sendingDomain, int firstDayCap) {
        return new DomainPacing(new DomainPacing.Settings(true, Map.of("*", 100_000),
                Map.of(sendingDomain, LocalDate.parse("2026-03-04")), firstDayCap, 2.0), outbox::sentOn);
    }

    @Test
    void a421FromOneDomainBacksOffThatDomainOnlyWhileAnotherKeepsFlowing() throws Exception {
        String deferredFirst = enqueue("ann@slow.example");
        String deferredSecond = enqueue("bob@slow.example");
        String[] flowing = {enqueue("c1@fast.example"), enqueue("c2@fast.example"), enqueue("c3@fast.example")};
        try (ScriptedSmtpServer server = ScriptedSmtpServer.deferringDomain("slow.example",
                "421 4.7.0 Try again later, closing connection");
             SmtpTransport smtp = new SmtpTransport(SmtpTransportTest.settings(server.port()));
             OutboxDispatcher dispatcher = dispatcher(smtp, pacingOneAtATime(Map.of("*", 6000)))) {

            for (int round = 0; round < 4; round++) {
                dispatcher.runOnce();
                clock.advance(Duration.ofMillis(20));
            }

            for (String id : flowing) {
                assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
            }
            // Whichever slow message was tried first got the 421; the other was not tried at all.
            java.util.List<OutboxMessage> slow = java.util.stream.Stream.of(deferredFirst, deferredSecond)
                    .map(id -> outbox.find(id).orElseThrow())
                    .sorted(java.util.Comparator.comparingInt(OutboxMessage::attempts).reversed()).toList();
            assertThat(slow.get(0).status()).isEqualTo(OutboxStatus.RETRYING);
            assertThat(slow.get(0).attempts()).isEqualTo(1);
            assertThat(slow.get(0).lastError()).contains("421");
            OutboxMessage second = slow.get(1);
            assertThat(second.attempts()).as("not tried while its domain backs off").isZero();
            assertThat(second.lastError()).startsWith("waiting: slow.example deferred our mail (421/451)");
            assertThat(second.nextAttemptAt()).isAfter(clock.instant().plusSeconds(30));
            assertThat(server.acceptedRecipients()).hasSize(3).allMatch(r -> r.contains("@fast.example"));
        }
    }

    @Test
    void rateLimitSpacesMessagesToOneDomainAndSaysWhyTheNextWaits() throws Exception {
        String first = enqueue("a@gmail.com");
        clock.advance(Duration.ofMillis(1)); // the outbox hands out the oldest first
        String second = enqueue("b@gmail.com");
        try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptingEverything();
             SmtpTransport smtp = new SmtpTransport(SmtpTransportTest.settings(server.port()));
             OutboxDispatcher dispatcher = dispatcher(smtp, pacing(Map.of("*", 120, "gmail.com", 2)))) {

            dispatcher.runOnce();

            // The delivery workers run in parallel, so either message may be the one admitted first.
            List<OutboxMessage> both = List.of(outbox.find(first).orElseThrow(), outbox.find(second).orElseThrow());
            assertThat(both).filteredOn(m -> m.status() == OutboxStatus.SENT).hasSize(1);
            OutboxMessage waiting = both.stream().filter(m -> m.status() != OutboxStatus.SENT).findFirst().orElseThrow();
            assertThat(waiting.lastError()).isEqualTo("waiting: pacing gmail.com at 2 messages a minute");
            assertThat(waiting.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));

            clock.advance(Duration.ofSeconds(30));
            dispatcher.runOnce();
            assertThat(outbox.find(waiting.messageId()).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
        }
    }

    @Test
    void warmupCapsANewSendingDomainPerDayAndGrowsTheNextDay() {
        DomainPacing pacing = warmingUp("sales.example.com", 2);
        byte[] mime = composer.compose(SampleEmails.transactional("x@example.org")).mime();
        Instant day1 = clock.instant();

        assertThat(pacing.admit("a@one.example", mime, day1)).isEmpty();
        assertThat(pacing.admit("b@two.example", mime, day1)).isEmpty();
        assertThat(pacing.admit("c@three.example", mime, day1)).hasValueSatisfying(w -> {
            assertThat(w.reason()).isEqualTo("waiting: warm-up of sending domain sales.example.com allows 2 messages on day 1");
            assertThat(w.until()).isEqualTo(Instant.parse("2026-03-05T00:00:00Z"));
        });

        Instant day2 = Instant.parse("2026-03-05T09:00:00Z");
        for (int i = 0; i < 4; i++) {
            assertThat(pacing.admit("r" + i + "@d" + i + ".example", mime, day2)).as("day 2 allows 4").isEmpty();
        }
        assertThat(pacing.admit("r5@d5.example", mime, day2)).isPresent();
    }

    @Test
    void noMoreDeliveriesRunAtOnceToADomainThanItsLimitWhileAnotherDomainKeepsFlowing() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(enqueue("g" + i + "@gmail.com"));
            ids.add(enqueue("o" + i + "@other.example"));
        }
        DomainPacing pacing = new DomainPacing(new DomainPacing.Settings(true, Map.of("*", Integer.MAX_VALUE), Map.of(),
                1, 1, Map.of("*", 4, "gmail.com", 2)), outbox::sentOn);
        try (ScriptedSmtpServer slowRelay = ScriptedSmtpServer.holdingEachMessage(Duration.ofMillis(150));
             SmtpTransport smtp = new SmtpTransport(SmtpTransportTest.settings(slowRelay.port()));
             OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, smtp, message -> { }, Clock.systemUTC(),
                     DispatchSettings.defaults().withWorkers(4), pacing)) {

            assertThat(dispatcher.runOnce()).isEqualTo(16);

            assertThat(ids).allSatisfy(id -> assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(OutboxStatus.SENT));
            assertThat(slowRelay.mostAtOnce("gmail.com")).as("gmail.com's limit, and used").isEqualTo(2);
            assertThat(slowRelay.mostAtOnce()).as("other.example delivered alongside").isGreaterThan(2);
            assertThat(slowRelay.connections()).as("each worker reuses its own connection").isBetween(1, 4);
            assertThat(slowRelay.messagesAccepted()).isEqualTo(16);
        }
    }

    @Test
    void warmupCapIsCountedFromTheStoreSoARestartedDispatcherStaysCapped() throws Exception {
        String[] ids = {enqueue("a@one.example"), enqueue("b@two.example"), enqueue("c@three.example")};
        try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptingEverything();
             SmtpTransport smtp = new SmtpTransport(SmtpTransportTest.settings(server.port()))) {
            try (OutboxDispatcher first = dispatcher(smtp, warmingUp("sales.example.com", 2))) {
                assertThat(first.runOnce()).isEqualTo(3);
            }
            assertThat(outbox.sentOn("sales.example.com", LocalDate.parse("2026-03-04"))).isEqualTo(2);

            clock.advance(Duration.ofHours(1));
            OutboxMessage waiting = java.util.Arrays.stream(ids).map(id -> outbox.find(id).orElseThrow())
                    .filter(m -> m.status() == OutboxStatus.RETRYING).findFirst().orElseThrow();
            outbox.markRetry(waiting.messageId(), 0, clock.instant(), waiting.lastError(), clock.instant()); // due now
            try (OutboxDispatcher restarted = dispatcher(smtp, warmingUp("sales.example.com", 2))) {
                assertThat(restarted.runOnce()).isEqualTo(1);
            }

            OutboxMessage stillWaiting = outbox.find(waiting.messageId()).orElseThrow();
            assertThat(stillWaiting.status()).isEqualTo(OutboxStatus.RETRYING);
            assertThat(stillWaiting.attempts()).isZero();
            assertThat(stillWaiting.lastError())
                    .isEqualTo("waiting: warm-up of sending domain sales.example.com allows 2 messages on day 1");
            assertThat(stillWaiting.nextAttemptAt()).isEqualTo(Instant.parse("2026-03-05T00:00:00Z"));
            assertThat(server.messagesAccepted()).isEqualTo(2);
        }
    }
}
