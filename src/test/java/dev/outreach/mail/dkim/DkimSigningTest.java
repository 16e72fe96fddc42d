package dev.outreach.mail.dkim;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outreach.mail.ComposedMessage;
import dev.outreach.mail.EmlFileTransport;
import dev.outreach.mail.ListUnsubscribeHeaders;
import dev.outreach.mail.MimeComposer;
import dev.outreach.mail.OutgoingEmail;
import dev.outreach.mail.SmtpSettings;
import dev.outreach.mail.SmtpTransport;
import dev.outreach.testing.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every signature here is checked by dkimpy, never by the signer's own code. */
class DkimSigningTest {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    static Path keyDir;

    private static DkimKeys keys;
    private static Map<String, String> dns;

    private final MimeComposer composer = new MimeComposer(new MutableClock(Instant.parse("2026-03-04T10:15:30Z")),
            ListUnsubscribeHeaders.httpsOnly());

    @BeforeAll
    static void generateKeys() throws Exception {
        DkimSigningKey rsa = DkimKeys.generate(keyDir, "sales.example.com", "s2026", DkimAlgorithm.RSA_SHA256);
        DkimSigningKey ed = DkimKeys.generate(keyDir, "sales.example.com", "ed2026", DkimAlgorithm.ED25519_SHA256);
        keys = DkimKeys.load(keyDir, List.of());
        dns = Map.of(rsa.dnsName(), rsa.dnsRecord().orElseThrow(), ed.dnsName(), ed.dnsRecord().orElseThrow());
    }

    private static OutgoingEmail commercial(String subject) {
        return new OutgoingEmail("Dana Señor", "dana@sales.example.com", "bob@example.org", subject,
                "Hello,  \nhere is   the summary.\n\n\n", "<p>Hello,<br>here is the summary.</p>", true,
                "https://gateway.example.com/u/AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA",
                "unsubscribe@sales.example.com", "sales.example.com");
    }

    @Test
    void rsaAndEd25519SignaturesOverACommercialMessageVerifyIndependently() throws Exception {
        ComposedMessage composed = composer.compose(commercial("Your presentation summary — with a very long "
                + "subject line that jakarta.mail has to fold across more than one header line for sure"));

        byte[] signed = new DkimMessageSigning(keys).sign(composed.mime());

        assertThat(IndependentDkimVerifier.verify(signed, dns)).containsExactly(true, true);
        String header = new String(signed, StandardCharsets.US_ASCII).split("\r\n\r\n")[0];
        assertThat(header).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=sales.example.com; s=s2026;");
        assertThat(header).contains("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=sales.example.com; s=ed2026;");
        assertThat(header).contains("h=from:to:subject:date:message-id:mime-version:content-type:list-unsubscribe:"
                + "list-unsubscribe-post;");
    }

    @Test
    void aSubjectChangedAfterSigningFailsIndependentVerification() throws Exception {
        byte[] signed = new DkimMessageSigning(keys).sign(composer.compose(commercial("Original subject")).mime());
        String tampered = new String(signed, StandardCharsets.US_ASCII).replace("Subject: Original subject",
                "Subject: Changed subject");

        assertThat(IndependentDkimVerifier.verify(tampered.getBytes(StandardCharsets.US_ASCII), dns))
                .containsExactly(false, false);
    }

    @Test
    void aRemovedListUnsubscribePostHeaderFailsIndependentVerification() throws Exception {
        byte[] signed = new DkimMessageSigning(keys).sign(composer.compose(commercial("Hello")).mime());
        String stripped = new String(signed, StandardCharsets.US_ASCII)
                .replace("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", "");

        assertThat(IndependentDkimVerifier.verify(stripped.getBytes(StandardCharsets.US_ASCII), dns))
                .containsExactly(false, false);
    }

    @Test
    void signatureSurvivesARoundTripThroughAnSmtpServer() throws Exception {
        ComposedMessage composed = composer.compose(commercial("Round trip"));
        SmtpSettings smtp = new SmtpSettings("localhost", greenMail.getSmtp().getPort(), null, null, false,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));

        try (DkimSigningTransport transport = new DkimSigningTransport(new DkimMessageSigning(keys),
                new SmtpTransport(smtp))) {
            transport.deliver("bob@example.org", composed.messageId(), composed.mime());
        }

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        greenMail.getReceivedMessages()[0].writeTo(received);
        assertThat(received.toString(StandardCharsets.US_ASCII)).contains("DKIM-Signature: v=1; a=rsa-sha256;");
        assertThat(IndependentDkimVerifier.verify(received.toByteArray(), dns)).containsExactly(true, true);
    }

    @Test
    void emlOutboxFileIsSignedAndARetryWritesTheSameBytes(@TempDir Path outbox) throws Exception {
        ComposedMessage composed = composer.compose(commercial("Written to a file"));
        EmlFileTransport files = new EmlFileTransport(outbox);
        DkimSigningTransport transport = new DkimSigningTransport(new DkimMessageSigning(keys), files);

        transport.deliver("bob@example.org", composed.messageId(), composed.mime());
        transport.deliver("bob@example.org", composed.messageId(), composed.mime());

        byte[] file = Files.readAllBytes(files.fileFor(composed.messageId()));
        assertThat(IndependentDkimVerifier.verify(file, dns)).containsExactly(true, true);
    }

    @Test
    void mailFromADomainWithoutAKeyIsPassedOnUnsigned() {
        OutgoingEmail other = new OutgoingEmail(null, "ann@other.example", "bob@example.org", "Hi", "t\n", "<p>t</p>",
                false, null, null, "other.example");
        byte[] mime = composer.compose(other).mime();

        assertThat(new DkimMessageSigning(keys).sign(mime)).isEqualTo(mime);
    }

    @Test
    void aSubdomainSenderIsSignedWithItsParentDomainKey() throws Exception {
        OutgoingEmail sub = new OutgoingEmail(null, "ann@news.sales.example.com", "bob@example.org", "Hi", "t\n",
                "<p>t</p>", false, null, null, "sales.example.com");

        byte[] signed = new DkimMessageSigning(keys).sign(composer.compose(sub).mime());

        assertThat(new String(signed, StandardCharsets.US_ASCII)).contains("d=sales.example.com; s=s2026;");
        assertThat(IndependentDkimVerifier.verify(signed, dns)).containsExactly(true, true);
    }
}
