package dev.outreach.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.Gateway;
import dev.outreach.Main;
import dev.outreach.store.AuditEntry;
import dev.outreach.store.Store;
import dev.outreach.store.jdbc.JdbcStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scrub} splits a list file into allowed rows (verbatim) and rejects, and audits it once. */
class ScrubCommandTest {

    @TempDir
    Path dir;

    private String run(String... args) throws Exception {
        Files.createDirectories(dir.resolve("lists/email"));
        Files.writeString(dir.resolve("lists/email/optouts.txt"), "listed@example.us\n");
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\nlists:\n  dir: " + dir.resolve("lists")
                + "\ntemplates:\n  dir: " + Path.of("templates").toAbsolutePath() + "\n");
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--config";
            all[args.length + 1] = config.toString();
            int code = new CommandLine(new Main()).execute(all);
            return code + "\n" + out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void allowedRowsAreCopiedVerbatimAndBlockedRowsAndErrorsGoToTheRejectsWithOneAuditEntry() throws Exception {
        Path list = dir.resolve("campaign.csv");
        Files.writeString(list, "first_name,email,segment\n"
                + "Ann,listed@example.us,vip\n"
                + "Bob,bob@example.us,\"new, warm\"\n"
                + "Cy,not-an-address,cold\n");
        Path allowed = dir.resolve("allowed.csv");
        Path blocked = dir.resolve("blocked.csv");

        String printed = run("scrub", list.toString(), "--channel", "EMAIL", "--purpose", "COMMERCIAL",
                "--at", "2026-11-25T15:00:00Z", "--out", allowed.toString(), "--rejects", blocked.toString());

        assertThat(printed).startsWith("0\n").contains("3 rows: 1 allowed, 1 blocked, 1 errors")
                .contains("canspam.suppression: 1");
        assertThat(Files.readString(allowed)).isEqualTo("first_name,email,segment\nBob,bob@example.us,\"new, warm\"\n");
        assertThat(Files.readString(blocked)).isEqualTo(ScrubFiles.REJECTS_HEADER + "\n"
                + "2,listed@example.us,BLOCK,canspam.suppression,,,\n"
                + "4,,ERROR,,,email,not a valid email address\n");
        assertThat(printed).contains("allowedSha256 " + sha256(allowed)).contains("rejectsSha256 " + sha256(blocked))
                .contains("input sha256 " + sha256(list));

        Matcher id = Pattern.compile("audit entry (\\S+)").matcher(printed);
        assertThat(id.find()).isTrue();
        try (Store store = JdbcStore.open(dev.outreach.config.GatewayConfig.load(dir.resolve("gateway.yaml"), java.util.Map.of()).storeUrl(), null, null)) {
            AuditEntry entry = store.audit().find(id.group(1)).orElseThrow();
            assertThat(entry.kind()).isEqualTo("BATCH_CHECK");
            assertThat(entry.actor()).isEqualTo("cli (ADMIN, key:cli)"); // as the check command audits the CLI
            JsonNode detail = Gateway.objectMapper().readTree(entry.payload());
            assertThat(detail.path("allowedSha256").asText()).isEqualTo(sha256(allowed));
            assertThat(detail.path("rows").asLong()).isEqualTo(3);
        }
    }

    @Test
    void aCallListScrubbedWithDialerManualKeepsTheNumbersTheRegistryDoesNotHold() throws Exception {
        Path registry = Files.createDirectories(dir.resolve("lists/national-dnc"));
        Files.writeString(registry.resolve("as-of.txt"), "2026-11-20\n");
        Files.writeString(registry.resolve("full-305.txt"), "3055550101\n");
        Path list = dir.resolve("calls.csv");
        Files.writeString(list, "phone,name\n305-555-0101,Ann\n305-555-0177,Bob\n");
        Path allowed = dir.resolve("allowed.csv");
        Path blocked = dir.resolve("blocked.csv");

        String manual = run("scrub", list.toString(), "--channel", "CALL", "--purpose", "TELEMARKETING",
                "--dialer", "MANUAL", "--at", "2026-11-25T15:00:00Z", "--out", allowed.toString(),
                "--rejects", blocked.toString());

        assertThat(manual).startsWith("0\n").contains("2 rows: 1 allowed, 1 blocked, 0 errors");
        assertThat(Files.readString(allowed)).isEqualTo("phone,name\n305-555-0177,Bob\n");
        assertThat(Files.readString(blocked)).endsWith("\n2,'+13055550101,BLOCK,tcpa.national-dnc,,,\n");

        String unstated = run("scrub", list.toString(), "--channel", "CALL", "--purpose", "TELEMARKETING",
                "--at", "2026-11-25T15:00:00Z", "--out", allowed.toString(), "--rejects", blocked.toString());

        assertThat(unstated).startsWith("0\n").contains("2 rows: 0 allowed, 2 blocked, 0 errors")
                .contains("tcpa.consent: 2");
        assertThat(run("scrub", list.toString(), "--channel", "CALL", "--purpose", "TELEMARKETING",
                "--dialer", "ROBOT", "--out", allowed.toString(), "--rejects", blocked.toString())).startsWith("2\n");
    }

    @Test
    void aCsvWithoutARecipientColumnIsRefusedNamingTheFile() throws Exception {
        Path list = dir.resolve("names.csv");
        Files.writeString(list, "first_name\nAnn\n");

        String printed = run("scrub", list.toString(), "--channel", "EMAIL", "--purpose", "COMMERCIAL",
                "--out", dir.resolve("a.csv").toString(), "--rejects", dir.resolve("b.csv").toString());

        assertThat(printed).startsWith("2\n");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
