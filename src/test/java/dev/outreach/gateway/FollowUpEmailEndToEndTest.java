package dev.outreach.gateway;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outreach.config.ConfigKey;
import dev.outreach.web.RunningGateway;
import dev.outreach.web.RunningGateway.Reply;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation issue end to end: the real gateway on a random port, SQLite, a real SMTP server
 * (GreenMail), and the unsubscribe link followed the way a mailbox provider follows it.
 */
class FollowUpEmailEndToEndTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @TempDir
    static Path dir;
    static RunningGateway gw;
    static String integration;

    @BeforeAll
    static void start() throws Exception {
        Path hashed = dir.resolve("lists/hashed");
        Files.createDirectories(hashed);
        Files.writeString(hashed.resolve("partner.sha256"), "# partner suppression list\n"
                + sha256("partner-blocked@example.net") + "\n");
        gw = RunningGateway.start(dir, Map.of(
                ConfigKey.SMTP_HOST, "127.0.0.1",
                ConfigKey.SMTP_PORT, String.valueOf(SMTP.getSmtp().getPort()),
                ConfigKey.SMTP_STARTTLS, "false"));
        integration = gw.key("crm", "INTEGRATION");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static String lead(String id, String email) {
        Reply r = gw.post("/api/v1/leads", integration, "{\"id\":\"" + id + "\",\"country\":\"US\",\"email\":\"" + email
                + "\",\"firstName\":\"Ann\",\"company\":\"Globex\",\"owner\":\"rep-1\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return id;
    }

    /** Each template's own data: the gateway refuses fields a template does not declare. */
    private static final Map<String, String> DATA = Map.of(
            "presentation-summary", "{\"repName\":\"Bob Rep\",\"nextSteps\":\"Proposal by Friday\"}",
            "engagement-resources", "{\"repName\":\"Bob Rep\",\"topic\":\"onboarding\",\"resourceTitle\":\"Guide\","
                    + "\"resourceUrl\":\"https://example.com/g\"}",
            "lead-qualification-schedule-call", "{\"repName\":\"Bob Rep\"}",
            "negotiation-check-in", "{\"repName\":\"Bob Rep\",\"proposalName\":\"Proposal\"}",
            "closing-confirmation", "{\"repName\":\"Bob Rep\",\"orderReference\":\"SO-1001\","
                    + "\"purchaseSummary\":\"10 seats\"}");

    private static Reply send(String leadId, String template) {
        return gw.post("/api/v1/emails", integration, "{\"leadId\":\"" + leadId + "\",\"template\":\"" + template
                + "\",\"data\":" + DATA.get(template) + "}");
    }

    private static MimeMessage awaitMessageTo(String address) throws Exception {
        for (int i = 0; i < 100; i++) {
            for (MimeMessage m : SMTP.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no message reached " + address);
    }

    @Test
    void allowedStageEmailArrivesWithOneClickHeadersAndThePersonalisation() throws Exception {
        lead("e2e-arrives", "Ann.Arrives@Example.org");

        Reply r = send("e2e-arrives", "presentation-summary");

        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.text("decision")).isEqualTo("ALLOW");
        assertThat(r.text("status")).isEqualTo("QUEUED");
        MimeMessage m = awaitMessageTo("ann.arrives@example.org");
        assertThat(m.getHeader("List-Unsubscribe", null)).matches("<" + Pattern.quote(gw.baseUrl()) + "/u/[A-Za-z0-9_-]+>");
        assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(m.getSubject()).isEqualTo("Summary of our Globex presentation and next steps");
        String whole = new String(m.getRawInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(m)).contains("Hi Ann").contains("Bob Rep");
        assertThat(whole).isNotEmpty();
        assertThat(awaitStatus(r.text("messageId"), "SENT")).isEqualTo("SENT");
    }

    @Test
    void oneClickUnsubscribeBlocksTheNextCommercialEmailButNotATransactionalOne() throws Exception {
        lead("e2e-unsub", "unsub@example.org");
        assertThat(send("e2e-unsub", "engagement-resources").status()).isEqualTo(202);
        String url = unsubscribeUrl(awaitMessageTo("unsub@example.org"));
        String path = url.substring(gw.baseUrl().length());

        Reply page = gw.call("GET", path, null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"");
        Reply stillAllowed = send("e2e-unsub", "lead-qualification-schedule-call");
        assertThat(stillAllowed.text("decision")).as("a GET must change nothing").isEqualTo("ALLOW");

        Reply oneClick = gw.call("POST", path, null, "List-Unsubscribe=One-Click",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(oneClick.status()).isEqualTo(200);

        Reply commercial = send("e2e-unsub", "negotiation-check-in");
        assertThat(commercial.status()).isEqualTo(200);
        assertThat(commercial.text("decision")).isEqualTo("BLOCK");
        assertThat(commercial.json().path("reasons").get(0).path("rule").asText()).isEqualTo("canspam.suppression");
        assertThat(commercial.json().path("reasons")).hasSize(1);
        assertThat(commercial.json().has("messageId")).isFalse();

        Reply transactional = send("e2e-unsub", "closing-confirmation");
        assertThat(transactional.status()).as(transactional.body()).isEqualTo(202);
        assertThat(transactional.text("decision")).isEqualTo("ALLOW");
    }

    @Test
    void anAddressOnAHashedPartnerListIsBlockedWhateverItsCase() {
        lead("e2e-partner", "partner-blocked@example.net");

        Reply r = gw.post("/api/v1/emails", integration, "{\"to\":\"  Partner-Blocked@Example.NET \","
                + "\"template\":\"engagement-resources\",\"data\":{\"firstName\":\"Pat\",\"repName\":\"Bob\","
                + "\"topic\":\"onboarding\",\"resourceTitle\":\"Guide\",\"resourceUrl\":\"https://example.com/g\"}}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.text("decision")).isEqualTo("BLOCK");
        assertThat(r.json().path("reasons")).hasSize(1);
        assertThat(r.json().path("reasons").get(0).path("rule").asText()).isEqualTo("canspam.suppression");
        assertThat(r.json().path("reasons").get(0).path("detail").asText()).contains("hashed/partner.sha256");
    }

    private static String awaitStatus(String messageId, String wanted) throws InterruptedException {
        String status = null;
        for (int i = 0; i < 100 && !wanted.equals(status); i++) {
            status = gw.get("/api/v1/emails/" + messageId, integration).text("status");
            Thread.sleep(50);
        }
        return status;
    }

    private static String unsubscribeUrl(MimeMessage m) throws Exception {
        Matcher matcher = Pattern.compile("<(http[^>]+)>").matcher(m.getHeader("List-Unsubscribe", null));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
