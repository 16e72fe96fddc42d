package dev.outreach.cli;

import dev.outreach.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code check} command answers in plain words, judging the call at the instant asked about. */
class CheckCommandTest {

    @TempDir
    Path dir;

    private String run(String... args) throws Exception {
        Path registry = Files.createDirectories(dir.resolve("lists/national-dnc"));
        Files.writeString(registry.resolve("as-of.txt"), java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "\n");
        Files.writeString(registry.resolve("full-305.txt"), "3055550999\n");
        Path emailLists = Files.createDirectories(dir.resolve("lists/email"));
        Files.writeString(emailLists.resolve("unsubscribes.txt"), "gone@customer.example\n");
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
    void aCallPlannedForNinePmInFloridaIsBlockedAndEveryRuleIsPrinted() throws Exception {
        String printed = run("check", "--phone", "(305) 555-0123", "--at", "2026-11-24T21:00:00-05:00",
                "--purpose", "TELEMARKETING", "--dialer", "MANUAL");

        assertThat(printed).startsWith("3\n");
        assertThat(printed).contains("BLOCK: CALL to +13055550123 at 2026-11-25T02:00:00Z is blocked.");
        assertThat(printed).contains("tcpa.calling-hours").contains("state.calling-hours")
                .contains("tcpa.national-dnc").contains("email.sender-domain");
        // The number alone places the recipient in Eastern time; 08:00 there is 13:00Z.
        assertThat(printed).contains("Earliest allowed: 2026-11-25T13:00:00Z");
    }

    @Test
    void anUnparseableNumberIsRefusedNamingTheOption() throws Exception {
        assertThat(run("check", "--phone", "12")).startsWith("2\n");
    }

    @Test
    void anEmailToAnUnsubscribedAddressIsBlockedByTheSameRulesAsTheApiCheck() throws Exception {
        String printed = run("check", "--email", "Gone@Customer.example", "--at", "2026-11-24T15:00:00Z");

        assertThat(printed).startsWith("3\n");
        assertThat(printed).contains("BLOCK: EMAIL to gone@customer.example at 2026-11-24T15:00:00Z is blocked.");
        assertThat(printed).containsPattern("BLOCK\\s+canspam\\.suppression\\s+.*email/unsubscribes.txt");
        assertThat(printed).contains("tcpa.calling-hours");
    }

    @Test
    void anEmailCheckIsAuditedAsADryRun() throws Exception {
        String printed = run("check", "--email", "new@customer.example", "--purpose", "TRANSACTIONAL");

        assertThat(printed).contains("EMAIL to new@customer.example");
        assertThat(printed).containsPattern("audit entry [0-9a-f-]{36}");
    }

    @Test
    void aMalformedAddressIsRefusedNamingTheOption() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(run("check", "--email", "not an address")).startsWith("2\n");
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: --email: not a valid email address");
    }

    @Test
    void aNumberAndAnAddressTogetherAreRefused() throws Exception {
        assertThat(run("check", "--email", "a@customer.example", "--phone", "3055550123")).startsWith("2\n");
    }

    @Test
    void aTemplateOnACallIsRefused() throws Exception {
        assertThat(run("check", "--phone", "3055550123", "--template", "intro")).startsWith("2\n");
    }
}
