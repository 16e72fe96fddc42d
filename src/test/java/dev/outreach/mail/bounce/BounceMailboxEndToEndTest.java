package dev.outreach.mail.bounce;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outreach.config.ConfigKey;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.SuppressionEntry;
import dev.outreach.web.RunningGateway;
import dev.outreach.web.RunningGateway.Reply;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounces, complaints and mailto unsubscribes end to end: the real gateway sends over GreenMail SMTP
 * with a VERP return path; reports are mailed to the bounce mailbox and read back over GreenMail IMAP.
 */
class BounceMailboxEndToEndTest {

    private static final String MAILBOX = "bounces@bounces.example.com";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withPerMethodLifecycle(false);

    @TempDir
    static Path dir;
    static RunningGateway gw;
    static String integration;

    @BeforeAll
    static void start() {
        MAIL.setUser(MAILBOX, "bounces", "secret");
        gw = RunningGateway.start(dir, Map.ofEntries(
                Map.entry(ConfigKey.SMTP_HOST, "127.0.0.1"),
                Map.entry(ConfigKey.SMTP_PORT, String.valueOf(MAIL.getSmtp().getPort())),
                Map.entry(ConfigKey.SMTP_STARTTLS, "false"),
                Map.entry(ConfigKey.BOUNCE_DOMAIN, "bounces.example.com"),
                Map.entry(ConfigKey.BOUNCE_IMAP_HOST, "127.0.0.1"),
                Map.entry(ConfigKey.BOUNCE_IMAP_PORT, String.valueOf(MAIL.getImap().getPort())),
                Map.entry(ConfigKey.BOUNCE_IMAP_SSL, "false"),
                Map.entry(ConfigKey.BOUNCE_IMAP_USERNAME, "bounces"),
                Map.entry(ConfigKey.BOUNCE_IMAP_PASSWORD, "secret"),
                // Polled by the tests themselves, not by the timer.
                Map.entry(ConfigKey.BOUNCE_POLL_INTERVAL, "PT24H"),
                Map.entry(ConfigKey.BOUNCE_SOFT_LIMIT, "3"),
                Map.entry(ConfigKey.SENDER_UNSUBSCRIBE_MAILTO, "unsubscribe@example.com")));
        integration = gw.key("crm", "INTEGRATION");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void permanentDsnToTheVerpAddressSuppressesTheRecipientAndMarksTheMessageBounced() throws Exception {
        String messageId = sendTo("hard-1", "US", "gone@example.org");
        String returnPath = returnPathOf("gone@example.org");
        assertThat(returnPath).matches("bounce\\+[a-z2-7]{24}@bounces\\.example\\.com").doesNotContain("gone");

        mailToBounceMailbox(dsn("<dsn-hard-1@mx.example.org>", returnPath, "someone-else@example.org", "failed", "5.1.1"));
        assertThat(poll()).isEqualTo(1);

        // The VERP address names the message, so the outbox's recipient wins over the report's Final-Recipient.
        assertThat(reasons("gone@example.org")).containsExactly("BOUNCE");
        assertThat(reasons("someone-else@example.org")).isEmpty();
        assertThat(gw.get("/api/v1/emails/" + messageId, integration).text("status")).isEqualTo("BOUNCED");
        Reply next = send("hard-1");
        assertThat(next.text("decision")).isEqualTo("BLOCK");
        assertThat(next.body()).contains("email.bounced");
        assertThat(deliveryEvents()).anySatisfy(e -> assertThat(e.payload())
                .contains("\"provider\":\"mailbox\"", "\"providerEventId\":\"dsn-hard-1@mx.example.org\"",
                        "\"event\":\"HARD_BOUNCE\"", "\"status\":\"5.1.1\""));
        assertThat(MAIL.getReceivedMessagesForDomain("bounces.example.com")).isEmpty();
    }

    @Test
    void transientDsnsSuppressOnlyAtTheThirdAndARereadReportCountsOnce() throws Exception {
        sendTo("soft-1", "US", "full@example.org");
        String returnPath = returnPathOf("full@example.org");

        mailToBounceMailbox(dsn("<dsn-soft-1@mx.example.org>", returnPath, "full@example.org", "delayed", "4.2.2"));
        mailToBounceMailbox(dsn("<dsn-soft-1@mx.example.org>", returnPath, "full@example.org", "delayed", "4.2.2"));
        mailToBounceMailbox(dsn("<dsn-soft-2@mx.example.org>", returnPath, "full@example.org", "failed", "4.4.1"));
        poll();
        assertThat(reasons("full@example.org")).as("two distinct soft bounces are below the limit of 3").isEmpty();

        mailToBounceMailbox(dsn("<dsn-soft-3@mx.example.org>", returnPath, "full@example.org", "delayed", "4.2.2"));
        poll();
        assertThat(reasons("full@example.org")).containsExactly("BOUNCE");
    }

    @Test
    void arfComplaintFromAGdprProtectedPersonIsAComplaintAndAnObjection() throws Exception {
        String messageId = sendTo("arf-de", "DE", "klaus@example.de");

        mailToBounceMailbox(arf("<fbl-1@fbl.example.net>", "abuse", messageId, "redacted@example.net"));
        poll();

        assertThat(reasons("klaus@example.de")).containsExactlyInAnyOrder("COMPLAINT", "OBJECTION");
        assertThat(auditKinds()).contains("SUBJECT_OBJECTED");
    }

    @Test
    void arfComplaintFromAUsPersonIsAComplaintOnlyAndNotSpamFeedbackChangesNothing() throws Exception {
        String messageId = sendTo("arf-us", "US", "carol@example.org");

        mailToBounceMailbox(arf("<fbl-2@fbl.example.net>", "not-spam", messageId, "carol@example.org"));
        poll();
        assertThat(reasons("carol@example.org")).isEmpty();

        mailToBounceMailbox(arf("<fbl-3@fbl.example.net>", "abuse", messageId, "carol@example.org"));
        poll();
        assertThat(reasons("carol@example.org")).containsExactly("COMPLAINT");
    }

    @Test
    void mailToTheMailtoUnsubscribeAddressUnsubscribesItsSender() throws Exception {
        sendTo("mailto-1", "US", "dave@example.org");
        String raw = "From: Dave <dave@example.org>\r\nTo: unsubscribe@example.com\r\nSubject: unsubscribe\r\n"
                + "Message-ID: <unsub-1@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n\r\n";

        mailToBounceMailbox(raw);
        poll();

        assertThat(reasons("dave@example.org")).containsExactly("UNSUBSCRIBE");
        assertThat(send("mailto-1").text("decision")).isEqualTo("BLOCK");
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String sendTo(String leadId, String country, String email) throws Exception {
        Reply lead = gw.post("/api/v1/leads", integration, "{\"id\":\"" + leadId + "\",\"country\":\"" + country
                + "\",\"email\":\"" + email + "\",\"firstName\":\"Ann\",\"company\":\"Globex\",\"owner\":\"rep-1\"}");
        assertThat(lead.status()).as(lead.body()).isEqualTo(201);
        if (country.equals("DE")) {
            Reply consent = gw.post("/api/v1/consents", integration, "{\"leadId\":\"" + leadId + "\",\"channel\":\"EMAIL\","
                    + "\"kind\":\"GDPR\",\"evidence\":{\"text\":\"I agree\",\"source\":\"web form\","
                    + "\"capturedAt\":\"2026-01-01T00:00:00Z\"}}");
            assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        }
        Reply r = send(leadId);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        awaitMessageTo(email);
        return r.text("messageId");
    }

    private static Reply send(String leadId) {
        return gw.post("/api/v1/emails", integration, "{\"leadId\":\"" + leadId + "\",\"template\":\"presentation-summary\","
                + "\"data\":{\"repName\":\"Bob Rep\",\"nextSteps\":\"Proposal by Friday\"}}");
    }

    private static MimeMessage awaitMessageTo(String address) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : MAIL.getReceivedMessagesForDomain(address.substring(address.indexOf('@') + 1))) {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    return m;
                }
            }
            MAIL.waitForIncomingEmail(200, Integer.MAX_VALUE);
        }
        throw new AssertionError("no message reached the recipient");
    }

    /** The envelope sender, which the receiving server records as Return-Path (RFC 5321 §4.4). */
    private static String returnPathOf(String address) throws Exception {
        String header = awaitMessageTo(address).getHeader("Return-Path", null);
        return header.replaceAll("[<>\\s]", "");
    }

    /** Delivered to the bounce mailbox's own address, keeping the report's To header (a catch-all). */
    private static void mailToBounceMailbox(String raw) throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(MAIL.getSmtp().getPort()));
        Session session = Session.getInstance(p);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        // Transport.send would saveChanges() and replace the report's own Message-ID.
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new InternetAddress[]{new InternetAddress(MAILBOX)});
        }
    }

    private static int poll() throws Exception {
        return gw.gateway.email().deliverability().mailbox().orElseThrow().pollOnce();
    }

    private static List<String> reasons(String address) {
        String key = gw.gateway.base().pseudonyms().email(address);
        return gw.gateway.store().suppressions().findByKey("EMAIL", key).stream().map(e -> e.reason().name()).toList();
    }

    private static List<String> auditKinds() {
        List<String> kinds = new ArrayList<>();
        gw.gateway.store().audit().scan(e -> kinds.add(e.kind()));
        return kinds;
    }

    private static List<AuditEntry> deliveryEvents() {
        List<AuditEntry> found = new ArrayList<>();
        gw.gateway.store().audit().scan(e -> {
            if (e.kind().equals("DELIVERY_EVENT")) {
                found.add(e);
            }
        });
        return found;
    }

    /** An RFC 3464 DSN as Postfix writes one (RFC 3464 §2, appendix). */
    static String dsn(String id, String to, String finalRecipient, String action, String status) {
        return "From: MAILER-DAEMON@mx.example.org\r\nTo: " + to + "\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                + "Message-ID: " + id + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nThe mail system could not deliver your message.\r\n"
                + "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.example.org\r\nArrival-Date: Fri, 4 Dec 2026 10:00:00 +0000\r\n\r\n"
                + "Final-Recipient: rfc822; " + finalRecipient + "\r\nAction: " + action + "\r\nStatus: " + status
                + "\r\nDiagnostic-Code: smtp; " + (status.startsWith("5") ? "550" : "452") + " " + status + " mailbox\r\n\r\n"
                + "--b1--\r\n";
    }

    /** An RFC 5965 feedback report, shaped like RFC 5965 appendix B.1. */
    static String arf(String id, String type, String originalMessageId, String rcptTo) {
        return "From: <abusedesk@fbl.example.net>\r\nTo: <" + MAILBOX + ">\r\nSubject: FW: Your presentation\r\n"
                + "Message-ID: " + id + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"part1\"\r\n\r\n"
                + "--part1\r\nContent-Type: text/plain; charset=\"US-ASCII\"\r\n\r\n"
                + "This is an email abuse report for an email message received from IP 192.0.2.1.\r\n\r\n"
                + "--part1\r\nContent-Type: message/feedback-report\r\n\r\n"
                + "Feedback-Type: " + type + "\r\nUser-Agent: SomeGenerator/1.0\r\nVersion: 1\r\n"
                + "Original-Rcpt-To: <" + rcptTo + ">\r\nArrival-Date: Thu, 8 Mar 2005 14:00:00 EDT\r\n\r\n"
                + "--part1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + "From: <sales@example.com>\r\nSubject: Your presentation\r\nMessage-ID: <" + originalMessageId + ">\r\n\r\n"
                + "--part1--\r\n";
    }
}
