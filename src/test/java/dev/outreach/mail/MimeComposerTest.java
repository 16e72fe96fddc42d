package dev.outreach.mail;

import dev.outreach.testing.MutableClock;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MimeComposerTest {

    private static final Instant NOW = Instant.parse("2025-03-04T10:15:30Z");

    private final MimeComposer composer = new MimeComposer(new MutableClock(NOW), ListUnsubscribeHeaders.httpsOnly());

    @Test
    void commercialMessageCarriesBothUnsubscribeHeadersEachOnOneLine() {
        String raw = raw(composer.compose(SampleEmails.commercial("bob@example.org")));

        assertThat(raw).contains("\r\nList-Unsubscribe: <" + SampleEmails.UNSUBSCRIBE_URL
                + ">, <mailto:unsubscribe@sales.example.com?subject=unsubscribe>\r\n");
        assertThat(raw).contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
    }

    @Test
    void commercialMessageWithoutMailtoListsOnlyTheHttpsUri() {
        OutgoingEmail email = SampleEmails.commercial("bob@example.org");
        OutgoingEmail withoutMailto = new OutgoingEmail(email.fromName(), email.fromAddress(), email.to(),
                email.subject(), email.text(), email.html(), true, email.unsubscribeHttpsUrl(), null,
                email.messageIdDomain());

        assertThat(raw(composer.compose(withoutMailto)))
                .contains("\r\nList-Unsubscribe: <" + SampleEmails.UNSUBSCRIBE_URL + ">\r\n");
    }

    @Test
    void transactionalMessageHasNoListUnsubscribeHeaders() {
        String raw = raw(composer.compose(SampleEmails.transactional("bob@example.org")));

        assertThat(raw).doesNotContain("List-Unsubscribe");
    }

    @Test
    void messageHasTheRequiredHeadersAndTheReturnedMessageId() throws Exception {
        ComposedMessage composed = composer.compose(SampleEmails.commercial("bob@example.org"));
        MimeMessage parsed = parse(composed);

        assertThat(composed.messageId()).matches("[0-9a-f]{32}@sales\\.example\\.com");
        assertThat(parsed.getMessageID()).isEqualTo("<" + composed.messageId() + ">").isEqualTo(composed.messageIdHeader());
        assertThat(parsed.getHeader("MIME-Version", null)).isEqualTo("1.0");
        assertThat(parsed.getSentDate().toInstant()).isEqualTo(NOW);
        assertThat(((InternetAddress) parsed.getFrom()[0]).getAddress()).isEqualTo("dana@sales.example.com");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Dana Seller");
        assertThat(parsed.getAllRecipients()).extracting(Object::toString).containsExactly("bob@example.org");
        assertThat(parsed.getSubject()).isEqualTo("Your presentation summary");
    }

    @Test
    void aMessageIdStartsWithItsMillisecondSoLaterMessagesSortAfterEarlierOnes() {
        MutableClock clock = new MutableClock(NOW);
        MimeComposer timed = new MimeComposer(clock, ListUnsubscribeHeaders.httpsOnly());
        String first = timed.compose(SampleEmails.transactional("bob@example.org")).messageId();
        clock.advance(Duration.ofMillis(1));
        String second = timed.compose(SampleEmails.transactional("bob@example.org")).messageId();

        assertThat(Long.parseLong(first.substring(0, 12), 16)).isEqualTo(NOW.toEpochMilli());
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void everyMessageGetsItsOwnMessageId() {
        String first = composer.compose(SampleEmails.transactional("bob@example.org")).messageId();
        String second = composer.compose(SampleEmails.transactional("bob@example.org")).messageId();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void bodyIsMultipartAlternativeWithPlainTextThenHtmlBothUtf8QuotedPrintable() throws Exception {
        MimeMessage parsed = parse(composer.compose(SampleEmails.commercial("bob@example.org")));

        assertThat(parsed.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        MimeBodyPart text = (MimeBodyPart) parts.getBodyPart(0);
        MimeBodyPart html = (MimeBodyPart) parts.getBodyPart(1);
        assertThat(text.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(html.getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat(text.getEncoding()).isEqualTo("quoted-printable");
        assertThat(html.getEncoding()).isEqualTo("quoted-printable");
        assertThat(html.getContent()).isEqualTo("<p>Hello,<br>here is the summary.</p>");
        assertThat(((String) text.getContent()).replace("\r\n", "\n")).isEqualTo("Hello,\nhere is the summary.\n");
    }

    @Test
    void nonAsciiSubjectAndSenderNameAreRfc2047EncodedAndDecodeBack() throws Exception {
        OutgoingEmail email = new OutgoingEmail("Zoë Müller", "zoe@sales.example.com", "bob@example.org",
                "Ihre Präsentation – Zusammenfassung", "Grüße", "<p>Grüße</p>", false, null, null, "sales.example.com");

        ComposedMessage composed = composer.compose(email);
        String raw = raw(composed);
        MimeMessage parsed = parse(composed);

        assertThat(raw).contains("Subject: =?UTF-8?");
        assertThat(raw).contains("From: =?UTF-8?");
        assertThat(new String(composed.mime(), StandardCharsets.ISO_8859_1)).as("7-bit only").matches("[\\x00-\\x7F]*");
        assertThat(parsed.getSubject()).isEqualTo("Ihre Präsentation – Zusammenfassung");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Zoë Müller");
    }

    @Test
    void senderNameWithSpecialCharactersIsQuotedAndReadsBackUnchanged() throws Exception {
        OutgoingEmail email = new OutgoingEmail("Seller, Dana \"DJ\" <Sales>", "dana@sales.example.com",
                "bob@example.org", "Hello", "t", "h", false, null, null, "sales.example.com");

        MimeMessage parsed = parse(composer.compose(email));

        assertThat(parsed.getFrom()).hasSize(1);
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Seller, Dana \"DJ\" <Sales>");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getAddress()).isEqualTo("dana@sales.example.com");
    }

    @Test
    void crlfInSubjectIsRejectedNamingTheField() {
        assertThatThrownBy(() -> new OutgoingEmail("Dana", "dana@sales.example.com", "bob@example.org",
                "Hello\r\nBcc: victim@example.net", "t", "h", false, null, null, "sales.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subject must not contain CR or LF");
    }

    @Test
    void crlfInSenderNameIsRejectedNamingTheField() {
        assertThatThrownBy(() -> new OutgoingEmail("Dana\r\nBcc: victim@example.net", "dana@sales.example.com",
                "bob@example.org", "Hello", "t", "h", false, null, null, "sales.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fromName must not contain CR or LF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@example.org\r\nBcc: victim@example.net", "bob@example.org\nBcc: x@y.z", "bob@example.org\r"})
    void crOrLfInRecipientIsRejectedNamingTheField(String to) {
        assertThatThrownBy(() -> SampleEmails.commercial(to))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to must not contain CR or LF");
    }

    @Test
    void crlfInUnsubscribeUriIsRejectedNamingTheField() {
        assertThatThrownBy(() -> new OutgoingEmail("Dana", "dana@sales.example.com", "bob@example.org", "Hello",
                "t", "h", true, "https://gateway.example.com/u/x\r\nBcc: victim@example.net", null, "sales.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsubscribeHttpsUrl must not contain CR or LF");
    }

    @Test
    void recipientThatIsNotABareAddressIsRejectedNamingTheField() {
        assertThatThrownBy(() -> composer.compose(SampleEmails.transactional("Bob <bob@example.org>, eve@example.net")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("to ");
    }

    @Test
    void commercialMessageWithoutUnsubscribeUriIsRejected() {
        assertThatThrownBy(() -> new OutgoingEmail("Dana", "dana@sales.example.com", "bob@example.org", "Hello",
                "t", "h", true, null, null, "sales.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsubscribeHttpsUrl is required");
    }

    @Test
    void plainHttpUnsubscribeUriIsRefusedUnlessLocalTestingAllowsIt() {
        OutgoingEmail email = withUnsubscribeUrl("http://localhost:8080/u/AQID");

        assertThatThrownBy(() -> composer.compose(email))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
        MimeComposer local = new MimeComposer(new MutableClock(NOW), ListUnsubscribeHeaders.allowingPlainHttp());
        assertThat(raw(local.compose(email))).contains("List-Unsubscribe: <http://localhost:8080/u/AQID>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://gateway.example.com/u/AQID", "/u/AQID", "https://gateway.example.com/u/a,b",
            "https://gateway.example.com/u/<x>", "https://gateway.example.com/u/a b"})
    void unsubscribeUriThatCannotStandInsideAngleBracketsOrIsNotHttpsIsRefused(String url) {
        assertThatThrownBy(() -> composer.compose(withUnsubscribeUrl(url)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unsubscribeHttpsUrl");
    }

    @Test
    void listUnsubscribeIsFoldedBetweenTheUrisOnlyWhenOneLineWouldExceed998Characters() {
        ListUnsubscribeHeaders headers = ListUnsubscribeHeaders.httpsOnly();
        String base = "https://gateway.example.com/u/";
        String mailto = "unsubscribe@sales.example.com";
        int fixed = "List-Unsubscribe: <".length() + base.length() + ">, <mailto:".length() + mailto.length()
                + "?subject=unsubscribe>".length();
        String fits = base + "a".repeat(998 - fixed);
        String tooLong = fits + "a";

        assertThat(headers.listUnsubscribeValue(fits, mailto)).doesNotContain("\r\n");
        assertThat(("List-Unsubscribe: " + headers.listUnsubscribeValue(fits, mailto)).length()).isEqualTo(998);
        assertThat(headers.listUnsubscribeValue(tooLong, mailto))
                .isEqualTo("<" + tooLong + ">,\r\n <mailto:" + mailto + "?subject=unsubscribe>");
    }

    @Test
    void unsubscribeUriLongerThanOneHeaderLineIsRefused() {
        String url = "https://gateway.example.com/u/" + "a".repeat(1000);

        assertThatThrownBy(() -> ListUnsubscribeHeaders.httpsOnly().listUnsubscribeValue(url, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("998");
    }

    private static OutgoingEmail withUnsubscribeUrl(String url) {
        return new OutgoingEmail("Dana", "dana@sales.example.com", "bob@example.org", "Hello", "t", "h", true, url,
                null, "sales.example.com");
    }

    static String raw(ComposedMessage composed) {
        return new String(composed.mime(), StandardCharsets.US_ASCII);
    }

    static MimeMessage parse(ComposedMessage composed) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(composed.mime()));
    }
}
