package dev.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.config.ConfigKey;
import dev.outreach.web.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code audit export}, {@code audit verify} and {@code audit prune} against a running gateway's database. */
class AuditCommandsTest {

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = Gateway.objectMapper();
    private static RunningGateway gw;
    private static String compliance;
    private static Path config;

    @BeforeAll
    static void start() throws Exception {
        gw = RunningGateway.start(dir, Map.of(ConfigKey.AUDIT_CHECKPOINT_EVERY_ENTRIES, "2"));
        compliance = gw.key("officer", "COMPLIANCE");
        String crm = gw.key("crm", "INTEGRATION");
        for (String email : List.of("Cli-One@Example.com", "cli-two@example.com", "cli-one@example.com")) {
            RunningGateway.Reply r = gw.post("/api/v1/checks", crm, "{\"channel\":\"EMAIL\",\"email\":\"" + email
                    + "\",\"purpose\":\"COMMERCIAL\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        config = dir.resolve("gateway.yaml");
        Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\n");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void theCommandLineExportHoldsTheSameEntriesAndValuesAsTheApi() throws Exception {
        Path out = dir.resolve("exports/cli-one.jsonl");

        Run run = run("audit", "export", "--config", config.toString(), "--format", "jsonl", "--recipient",
                "CLI-ONE@example.com", "--kind", "CHECK", "--out", out.toString());

        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.err).contains("exported 2 audit entries to " + out);
        JsonNode api = gw.get("/api/v1/audit?kind=CHECK&recipient=cli-one%40example.com", compliance).json()
                .path("entries");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2).hasSize(api.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(JSON.readTree(lines.get(i))).isEqualTo(api.get(i));
        }
    }

    @Test
    void aCsvExportGoesToStandardOutputWithAHeader() {
        Run run = run("audit", "export", "--config", config.toString(), "--format", "CSV", "--kind", "CHECK");

        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).startsWith("seq,id,at,kind,actor,recipient,recipientKey,leadId,channel,decision,rules,"
                + "policyVersion,detail,prevHash,hash\r\n");
        assertThat(run.out.split("\r\n")).hasSize(4);
    }

    @Test
    void badOptionsNameTheOption() {
        Run run = run("audit", "export", "--config", config.toString(), "--format", "xml");
        Run channel = run("audit", "export", "--config", config.toString(), "--format", "csv", "--channel", "FAX");

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("--format: must be csv or jsonl");
        assertThat(channel.err).contains("--channel: must be EMAIL, CALL or SMS");
    }

    @Test
    void verifyPrintsTheVerdictAndTheLastVerifiedCheckpoint() {
        Run run = run("audit", "verify", "--config", config.toString());

        assertThat(run.exit).as(run.out).isZero();
        assertThat(run.out).startsWith("OK: ").contains("last verified checkpoint: entry ");
    }

    @Test
    void aDryRunPruneChangesNothing() {
        long before = gw.gateway.store().audit().head().orElseThrow().seq();

        Run run = run("audit", "prune", "--config", config.toString(), "--dry-run");

        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).startsWith("nothing to prune: no entry is older than its retention (audit P1825D, "
                + "company do-not-call P1825D)");
        assertThat(gw.gateway.store().audit().head().orElseThrow().seq()).isEqualTo(before);
    }

    private record Run(int exit, String out, String err) {
    }

    /** Runs the command line as {@code java -jar} would, capturing what it prints. */
    private static synchronized Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cli = new CommandLine(new Main());
            cli.setOut(new java.io.PrintWriter(System.out, true));
            cli.setErr(new java.io.PrintWriter(System.err, true));
            int exit = cli.execute(args);
            System.out.flush();
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }
}
