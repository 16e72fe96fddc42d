package dev.outreach.cli;

import dev.outreach.Main;
import dev.outreach.mail.ListUnsubscribeHeaders;
import dev.outreach.mail.MimeComposer;
import dev.outreach.mail.OutgoingEmail;
import dev.outreach.mail.dkim.DkimKeys;
import dev.outreach.mail.dkim.DkimMessageSigning;
import dev.outreach.mail.dkim.IndependentDkimVerifier;
import dev.outreach.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DkimCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute(args);
        return new Run(exit, out.toString());
    }

    private Path config() throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, "data:\n  dir: " + dir.resolve("data") + "\nsender:\n  from-address: sales@example.com\n"
                + "  allowed-domains: example.com,news.example.net\n");
        return file;
    }

    @Test
    void generatedKeyRecordVerifiesASignedMessageIndependently() throws Exception {
        Path config = config();

        Run generated = run("dkim", "generate", "--config", config.toString(), "--domain", "example.com",
                "--selector", "s2026");

        assertThat(generated.exit()).isZero();
        assertThat(dir.resolve("data/dkim/example.com/s2026.pem")).exists();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("data/dkim/example.com/s2026.pem"))))
                .as("the private key is readable by its owner only").isEqualTo("rw-------");
        Matcher line = Pattern.compile("s2026\\._domainkey\\.example\\.com\\. IN TXT \\( (.+) \\)").matcher(generated.out());
        assertThat(line.find()).as(generated.out()).isTrue();
        String record = line.group(1).replaceAll("\"\\s*\"", "").replace("\"", "");
        assertThat(record).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN");

        byte[] mime = new MimeComposer(new MutableClock(Instant.parse("2026-03-04T10:15:30Z")),
                ListUnsubscribeHeaders.httpsOnly()).compose(new OutgoingEmail(null, "sales@example.com", "bob@example.org",
                "Hi", "t\n", "<p>t</p>", false, null, null, "example.com")).mime();
        byte[] signed = new DkimMessageSigning(DkimKeys.load(dir.resolve("data/dkim"), List.of())).sign(mime);
        assertThat(IndependentDkimVerifier.verify(signed, Map.of("s2026._domainkey.example.com", record)))
                .containsExactly(true);
    }

    @Test
    void checkPrintsTheRecordForEachKeyedDomainAndFailsForADomainWithoutAKey() throws Exception {
        Path config = config();
        run("dkim", "generate", "--config", config.toString(), "--domain", "example.com", "--selector", "ed1",
                "--algorithm", "ed25519");

        Run check = run("dkim", "check", "--config", config.toString());

        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out()).contains("example.com: signs with ed25519-sha256 as d=example.com s=ed1")
                .contains("ed1._domainkey.example.com. IN TXT ( \"v=DKIM1; k=ed25519; p=")
                .contains("news.example.net: NO KEY");
    }

    @Test
    void generateRefusesToOverwriteAPublishedKey() throws Exception {
        Path config = config();
        run("dkim", "generate", "--config", config.toString(), "--domain", "example.com", "--selector", "s1");
        byte[] first = Files.readAllBytes(dir.resolve("data/dkim/example.com/s1.pem"));

        Run again = run("dkim", "generate", "--config", config.toString(), "--domain", "example.com", "--selector", "s1");

        assertThat(again.exit()).isNotZero();
        assertThat(Files.readAllBytes(dir.resolve("data/dkim/example.com/s1.pem"))).isEqualTo(first);
    }
}
