package dev.outreach.mail;

import dev.outreach.testing.MutableClock;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SmtpTransportTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final MimeComposer composer =
            new MimeComposer(new MutableClock(Instant.parse("2025-03-04T10:15:30Z")), ListUnsubscribeHeaders.httpsOnly());

    @Test
    void composedCommercialMessageArrivesWithOneClickHeadersBothAlternativesAndItsMessageId() throws Exception {
        ComposedMessage composed = composer.compose(SampleEmails.commercial("bob@example.org"));

        try (SmtpTransport transport = new SmtpTransport(settings(greenMail.getSmtp().getPort()))) {
            transport.deliver("bob@example.org", composed.messageId(), composed.mime());
        }

        MimeMessage received = greenMail.getReceivedMessages()[0];
        String whole = GreenMailUtil.getWholeMessage(received);
        assertThat(whole).contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
        assertThat(whole).contains("\r\nList-Unsubscribe: <" + SampleEmails.UNSUBSCRIBE_URL
                + ">, <mailto:unsubscribe@sales.example.com?subject=unsubscribe>\r\n");
        assertThat(received.getMessageID()).isEqualTo(composed.messageIdHeader());
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
    }

    @Test
    void storedBytesReachTheServerUnchanged() throws Exception {
        ComposedMessage composed = composer.compose(SampleEmails.commercial("bob@example.org"));

        try (SmtpTransport transport = new SmtpTransport(settings(greenMail.getSmtp().getPort()))) {
            transport.deliver("bob@example.org", composed.messageId(), composed.mime());
        }

        // The server only prepends its trace headers (Return-Path, Received; RFC 5321 §4.4). The last
        // CRLF of the message is part of the end-of-data marker (RFC 5321 §4.1.1.4) and not stored.
        String whole = GreenMailUtil.getWholeMessage(greenMail.getReceivedMessages()[0]);
        String sent = new String(composed.mime(), StandardCharsets.US_ASCII);
        assertThat(sent).endsWith("\r\n");
        assertThat(whole).endsWith(sent.substring(0, sent.length() - 2));
    }

    @Test
    void transactionalMessageArrivesWithoutListUnsubscribeHeaders() throws Exception {
        ComposedMessage composed = composer.compose(SampleEmails.transactional("bob@example.org"));

        try (SmtpTransport transport = new SmtpTransport(settings(greenMail.getSmtp().getPort()))) {
            transport.deliver("bob@example.org", composed.messageId(), composed.mime());
        }

        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getHeader("List-Unsubscribe")).isNull();
        assertThat(received.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(received.getMessageID()).isEqualTo(composed.messageIdHeader());
    }

    @Test
    void envelopeRecipientDecidesWhereTheMessageGoes() throws Exception {
        ComposedMessage composed = composer.compose(SampleEmails.transactional("bob@example.org"));

        try (SmtpTransport transport = new SmtpTransport(settings(greenMail.getSmtp().getPort()))) {
            transport.deliver("carol@example.net", composed.messageId(), composed.mime());
        }

        // GreenMail files a message in the mailbox of each envelope recipient, creating it on first use.
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getUserManager().getUserByEmail("carol@example.net")).isNotNull();
        assertThat(greenMail.getUserManager().getUserByEmail("bob@example.org")).isNull();
    }

    @Test
    void oneConnectionIsReusedForConsecutiveMessages() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptingEverything();
             SmtpTransport transport = new SmtpTransport(settings(server.port()))) {
            for (int i = 0; i < 3; i++) {
                ComposedMessage composed = composer.compose(SampleEmails.transactional("bob@example.org"));
                transport.deliver("bob@example.org", composed.messageId(), composed.mime());
            }

            assertThat(server.messagesAccepted()).isEqualTo(3);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void relayThatIsNotListeningIsATransientFailureWithoutReplyCode() throws Exception {
        ComposedMessage composed = composer.compose(SampleEmails.transactional("bob@example.org"));

        try (SmtpTransport transport = new SmtpTransport(settings(freePort()))) {
            DeliveryException failure = catchThrowableOfType(DeliveryException.class,
                    () -> transport.deliver("bob@example.org", composed.messageId(), composed.mime()));

            assertThat(failure.isTransient()).isTrue();
            assertThat(failure.replyCode()).isEmpty();
            assertThat(failure.recipientUnknown()).isFalse();
        }
    }

    @ParameterizedTest(name = "RCPT answered \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown | 550 | 5.1.1 | true  | true
            550 5.1.10 Recipient address has null MX                               | 550 | 5.1.10| true  | true
            553 5.1.3 Bad recipient address syntax                                 | 553 | 5.1.3 | true  | true
            550 5.7.1 Message rejected as spam                                     | 550 | 5.7.1 | true  | false
            553 5.1.8 Sender address rejected: Domain not found                    | 553 | 5.1.8 | true  | false
            550 Requested action not taken: mailbox unavailable                    | 550 |       | true  | false
            450 4.2.1 Mailbox busy, try again later                                | 450 | 4.2.1 | false | false
            451 4.3.0 Temporary lookup failure                                     | 451 | 4.3.0 | false | false
            452 4.5.3 Too many recipients                                          | 452 | 4.5.3 | false | false
            """)
    void refusedRecipientIsClassifiedByItsReplyCode(String rcptReply, int replyCode, String enhancedStatus,
                                                    boolean permanent, boolean recipientUnknown) throws Exception {
        ComposedMessage composed = composer.compose(SampleEmails.transactional("bob@example.org"));

        try (ScriptedSmtpServer server = ScriptedSmtpServer.replyingToRcpt(rcptReply);
             SmtpTransport transport = new SmtpTransport(settings(server.port()))) {
            DeliveryException failure = catchThrowableOfType(DeliveryException.class,
                    () -> transport.deliver("bob@example.org", composed.messageId(), composed.mime()));

            assertThat(failure.isPermanent()).isEqualTo(permanent);
            assertThat(failure.isTransient()).isEqualTo(!permanent);
            assertThat(failure.replyCode()).hasValue(replyCode);
            assertThat(failure.enhancedStatus().orElse(null)).isEqualTo(enhancedStatus);
            assertThat(failure.recipientUnknown()).isEqualTo(recipientUnknown);
            assertThat(failure.getMessage()).doesNotContain("bob@example.org");
            assertThat(server.messagesAccepted()).isZero();
        }
    }

    @Test
    void crlfInEnvelopeRecipientIsRefusedBeforeAnythingIsSent() throws Exception {
        ComposedMessage composed = composer.compose(SampleEmails.transactional("bob@example.org"));

        try (ScriptedSmtpServer server = ScriptedSmtpServer.acceptingEverything();
             SmtpTransport transport = new SmtpTransport(settings(server.port()))) {
            DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> transport.deliver(
                    "bob@example.org\r\nRCPT TO:<eve@example.net>", composed.messageId(), composed.mime()));

            assertThat(failure.isPermanent()).isTrue();
            assertThat(failure.getMessage()).contains("CR or LF");
            assertThat(server.connections()).isZero();
        }
    }

    @Test
    void settingsNeverPrintThePassword() {
        SmtpSettings settings = new SmtpSettings("smtp.example.com", 587, "relay-user", "s3cret-pass", true,
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30));

        assertThat(settings.toString()).doesNotContain("s3cret-pass").contains("relay-user");
    }

    @Test
    void startTlsSettingRequiresTlsAndChecksTheServerName() {
        SmtpSettings settings = new SmtpSettings("smtp.example.com", 587, null, null, true,
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(20));

        assertThat(SmtpTransport.sessionProperties(settings))
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
                .containsEntry("mail.smtp.connectiontimeout", "10000")
                .containsEntry("mail.smtp.timeout", "30000")
                .containsEntry("mail.smtp.writetimeout", "20000")
                .containsEntry("mail.smtp.auth", "false");
    }

    static SmtpSettings settings(int port) {
        return new SmtpSettings("127.0.0.1", port, null, null, false,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** A port nothing listens on: bound once by the OS, then released. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
