package dev.outreach.mail;

import dev.outreach.testing.MutableClock;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EmlFileTransportTest {

    @TempDir
    Path dir;

    private final MimeComposer composer =
            new MimeComposer(new MutableClock(Instant.parse("2025-03-04T10:15:30Z")), ListUnsubscribeHeaders.httpsOnly());

    @Test
    void writesAParseableEmlWhoseHeadersMatchTheComposedMessage() throws Exception {
        Path outboxDir = dir.resolve("data/outbox");
        EmlFileTransport transport = new EmlFileTransport(outboxDir);
        ComposedMessage composed = composer.compose(SampleEmails.commercial("bob@example.org"));

        transport.deliver("bob@example.org", composed.messageId(), composed.mime());

        Path file = outboxDir.resolve(composed.messageId() + ".eml");
        assertThat(file).exists().hasBinaryContent(composed.mime());
        MimeMessage parsed;
        try (InputStream in = Files.newInputStream(file)) {
            parsed = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(parsed.getMessageID()).isEqualTo(composed.messageIdHeader());
        assertThat(parsed.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(parsed.getHeader("List-Unsubscribe", null)).startsWith("<" + SampleEmails.UNSUBSCRIBE_URL + ">");
        assertThat(parsed.getAllRecipients()).extracting(Object::toString).containsExactly("bob@example.org");
        assertThat(parsed.getSubject()).isEqualTo("Your presentation summary");
        assertThat(parsed.getContentType()).startsWith("multipart/alternative");
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws Exception {
        EmlFileTransport transport = new EmlFileTransport(dir);
        ComposedMessage composed = composer.compose(SampleEmails.transactional("bob@example.org"));

        transport.deliver("bob@example.org", composed.messageId(), composed.mime());

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve(composed.messageId() + ".eml"));
        }
    }

    @Test
    void deliveringTheSameMessageAgainIsAcceptedAndChangesNothing() throws Exception {
        EmlFileTransport transport = new EmlFileTransport(dir);
        ComposedMessage composed = composer.compose(SampleEmails.transactional("bob@example.org"));

        transport.deliver("bob@example.org", composed.messageId(), composed.mime());
        transport.deliver("bob@example.org", composed.messageId(), composed.mime());

        assertThat(transport.fileFor(composed.messageId())).hasBinaryContent(composed.mime());
    }

    @Test
    void differentMessageUnderAnExistingIdIsRefusedAndNeverOverwrites() throws Exception {
        EmlFileTransport transport = new EmlFileTransport(dir);
        ComposedMessage first = composer.compose(SampleEmails.transactional("bob@example.org"));
        ComposedMessage second = composer.compose(SampleEmails.commercial("bob@example.org"));
        transport.deliver("bob@example.org", first.messageId(), first.mime());

        DeliveryException refused = catchThrowableOfType(DeliveryException.class,
                () -> transport.deliver("bob@example.org", first.messageId(), second.mime()));

        assertThat(refused.isPermanent()).isTrue();
        assertThat(transport.fileFor(first.messageId())).hasBinaryContent(first.mime());
    }

    @Test
    void messageIdCannotNameAFileOutsideTheOutboxDirectory() throws Exception {
        Path outboxDir = dir.resolve("outbox");
        EmlFileTransport transport = new EmlFileTransport(outboxDir);
        ComposedMessage composed = composer.compose(SampleEmails.transactional("bob@example.org"));

        transport.deliver("bob@example.org", "../../escaped/<x@y>", composed.mime());

        Path written = transport.fileFor("../../escaped/<x@y>");
        assertThat(written.getParent()).isEqualTo(outboxDir);
        assertThat(written.getFileName().toString()).isEqualTo("%2E.%2F..%2Fescaped%2F%3Cx@y%3E.eml");
        assertThat(written).hasBinaryContent(composed.mime());
    }

    @Test
    void differentMessageIdsNeverShareAFile() {
        EmlFileTransport transport = new EmlFileTransport(dir);

        assertThat(transport.fileFor("a/b@x")).isNotEqualTo(transport.fileFor("a%2Fb@x"));
        assertThat(transport.fileFor("<a@x>")).isNotEqualTo(transport.fileFor("a@x"));
    }
}
