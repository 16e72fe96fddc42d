package dev.outreach.mail;

import dev.outreach.testing.MutableClock;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.outreach.store.Outbox;
import dev.outreach.store.OutboxMessage;
import dev.outreach.store.OutboxStatus;
import dev.outreach.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher against the real SQLite store and real SMTP servers on loopback sockets. */
class OutboxDispatcherTest {

    private static final String RECIPIENT = "bob@example.org";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T10:15:30Z"));
    private final MimeComposer composer = new MimeComposer(clock, ListUnsubscribeHeaders.httpsOnly());
    private final List<OutboxMessage> hardBounces = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private JdbcStore store;
    private Outbox outbox;

    @BeforeEach
    void openStoreAndCaptureLogs() {
        store = JdbcStore.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null);
        outbox = store.outbox();
        logs.start();
        dispatcherLogger().addAppender(logs);
    }

    @AfterEach
    void closeStore() {
        dispatcherLogger().detachAppender(logs);
        store.close();
    }

    @Test
    void relayDownLeavesMessageRetryingThenDeliversExactlyOnce() throws Exception {
        int port = SmtpTransportTest.freePort();
        String messageId = enqueue(SampleEmails.commercial(RECIPIENT));

        try (SmtpTransport transport = new SmtpTransport(SmtpTransportTest.settings(port));
             OutboxDispatcher dispatcher = dispatcher(transport, DispatchSettings.defaults())) {
            assertThat(dispatcher.runOnce()).isEqualTo(1);

            OutboxMessage retrying = outbox.find(messageId).orElseThrow();
            assertThat(retrying.status()).isEqualTo(OutboxStatus.RETRYING);
            assertThat(retrying.attempts()).isEqualTo(1);
            assertThat(retrying.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30)).isAfter(clock.instant());
            assertThat(dispatcher.runOnce()).as("not due before its backoff").isZero();

            GreenMail relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            relay.start();
            try {
                clock.advance(Duration.ofSeconds(31));
                assertThat(dispatcher.runOnce()).isEqualTo(1);
                assertThat(outbox.find(messageId).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
                assertThat(relay.getReceivedMessages()).hasSize(1);

                clock.advance(Duration.ofHours(2));
                assertThat(dispatcher.runOnce()).isZero();
                assertThat(relay.getReceivedMessages()).hasSize(1);
                assertThat(relay.getReceivedMessages()[0].getMessageID()).isEqualTo("<" + messageId + ">");
            } finally {
                relay.stop();
            }
        }
        assertThat(loggedText()).doesNotContain(RECIPIENT).contains("b***@example.org");
    }

    @Test
    void unknownRecipientMarksBouncedAndTellsTheBounceListener() throws Exception {
        String messageId = enqueue(SampleEmails.commercial(RECIPIENT));

        try (ScriptedSmtpServer server = ScriptedSmtpServer.replyingToRcpt(
                "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table");
             SmtpTransport transport = new SmtpTransport(SmtpTransportTest.settings(server.port()));
             OutboxDispatcher dispatcher = dispatcher(transport, DispatchSettings.defaults())) {
            dispatcher.runOnce();
        }

        OutboxMessage bounced = outbox.find(messageId).orElseThrow();
        assertThat(bounced.status()).isEqualTo(OutboxStatus.BOUNCED);
        assertThat(bounced.attempts()).isEqualTo(1);
        assertThat(bounced.lastError()).contains("550 5.1.1").doesNotContain(RECIPIENT);
        assertThat(hardBounces).extracting(OutboxMessage::messageId).containsExactly(messageId);
        assertThat(hardBounces.get(0).recipientKey()).isEqualTo(bounced.recipientKey());
        assertThat(loggedText()).doesNotContain(RECIPIENT);
    }

    @Test
    void temporaryRecipientRejectionMarksRetryingWithBackoff() throws Exception {
        String messageId = enqueue(SampleEmails.transactional(RECIPIENT));

        try (ScriptedSmtpServer server = ScriptedSmtpServer.replyingToRcpt("450 4.2.1 Mailbox busy, try again later");
             SmtpTransport transport = new SmtpTransport(SmtpTransportTest.settings(server.port()));
             OutboxDispatcher dispatcher = dispatcher(transport, DispatchSettings.defaults())) {
            dispatcher.runOnce();
            clock.advance(Duration.ofSeconds(30));
            dispatcher.runOnce();
        }

        OutboxMessage retrying = outbox.find(messageId).orElseThrow();
        assertThat(retrying.status()).isEqualTo(OutboxStatus.RETRYING);
        assertThat(retrying.attempts()).isEqualTo(2);
        assertThat(retrying.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(retrying.lastError()).contains("450 4.2.1");
        assertThat(hardBounces).isEmpty();
    }

    @Test
    void permanentRejectionThatDoesNotBlameTheAddressFailsWithoutBounce() throws Exception {
        String messageId = enqueue(SampleEmails.transactional(RECIPIENT));

        try (ScriptedSmtpServer server = ScriptedSmtpServer.replyingToRcpt("550 5.7.1 Message rejected as spam");
             SmtpTransport transport = new SmtpTransport(SmtpTransportTest.settings(server.port()));
             OutboxDispatcher dispatcher = dispatcher(transport, DispatchSettings.defaults())) {
            dispatcher.runOnce();
        }

        assertThat(outbox.find(messageId).orElseThrow().status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(hardBounces).isEmpty();
    }

    @Test
    void transientFailuresGiveUpAsFailedOnceTheAttemptsAreUsed() throws Exception {
        String messageId = enqueue(SampleEmails.transactional(RECIPIENT));
        DispatchSettings threeAttempts = DispatchSettings.defaults()
                .withRetries(new RetrySchedule(Duration.ofSeconds(30), Duration.ofHours(1), 3));

        try (SmtpTransport transport = new SmtpTransport(SmtpTransportTest.settings(SmtpTransportTest.freePort()));
             OutboxDispatcher dispatcher = dispatcher(transport, threeAttempts)) {
            for (int round = 0; round < 4; round++) {
                dispatcher.runOnce();
                clock.advance(Duration.ofHours(1));
            }
        }

        OutboxMessage failed = outbox.find(messageId).orElseThrow();
        assertThat(failed.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).startsWith("gave up after 3 attempts");
    }

    @Test
    void bounceThatCannotBeRecordedIsRetriedInsteadOfMarkedBounced() throws Exception {
        String messageId = enqueue(SampleEmails.commercial(RECIPIENT));

        try (ScriptedSmtpServer server = ScriptedSmtpServer.replyingToRcpt("550 5.1.1 User unknown");
             SmtpTransport transport = new SmtpTransport(SmtpTransportTest.settings(server.port()));
             OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, transport, message -> {
                 throw new IllegalStateException("suppression store unavailable");
             }, clock, DispatchSettings.defaults())) {
            dispatcher.runOnce();
        }

        OutboxMessage retrying = outbox.find(messageId).orElseThrow();
        assertThat(retrying.status()).isEqualTo(OutboxStatus.RETRYING);
        assertThat(retrying.lastError()).contains("hard bounce not recorded");
    }

    @Test
    void startedDispatcherDeliversQueuedMailUntilClosed() throws Exception {
        GreenMail relay = new GreenMail(new ServerSetup(SmtpTransportTest.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        try (SmtpTransport transport = new SmtpTransport(SmtpTransportTest.settings(relay.getSmtp().getPort()));
             OutboxDispatcher dispatcher = dispatcher(transport, DispatchSettings.defaults())) {
            String messageId = enqueue(SampleEmails.transactional(RECIPIENT));

            dispatcher.start(Duration.ofMillis(50));

            assertThat(relay.waitForIncomingEmail(10_000, 1)).isTrue();
            dispatcher.close();
            assertThat(outbox.find(messageId).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
        } finally {
            relay.stop();
        }
    }

    private OutboxDispatcher dispatcher(MailTransport transport, DispatchSettings settings) {
        return new OutboxDispatcher(outbox, transport, hardBounces::add, clock, settings);
    }

    private String enqueue(OutgoingEmail email) {
        ComposedMessage composed = composer.compose(email);
        Instant now = clock.instant();
        outbox.enqueue(new OutboxMessage(composed.messageId(), "lead-1", email.to(), "a".repeat(64), composed.mime(),
                OutboxStatus.QUEUED, 0, now, null, now, now));
        return composed.messageId();
    }

    private String loggedText() {
        StringBuilder text = new StringBuilder();
        logs.list.forEach(event -> text.append(event.getFormattedMessage()).append('\n'));
        return text.toString();
    }

    private static Logger dispatcherLogger() {
        return (Logger) LoggerFactory.getLogger(OutboxDispatcher.class);
    }
}
