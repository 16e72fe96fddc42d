package dev.outreach.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreach.Gateway;
import dev.outreach.Main;
import dev.outreach.config.GatewayConfig;
import dev.outreach.gateway.Actor;
import dev.outreach.gateway.Role;
import dev.outreach.lead.Lead;
import dev.outreach.lead.Stage;
import dev.outreach.store.AuditQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code subject export} prints the subject's records as JSON; {@code subject purge-inactive} lists the
 * inactive leads, then anonymises them.
 */
class SubjectCommandTest {

    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void writeConfigAndLeads() throws Exception {
        config = dir.resolve("gateway.yaml");
        Files.createDirectories(dir.resolve("lists"));
        Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\nlists:\n  dir: " + dir.resolve("lists")
                + "\ntemplates:\n  dir: " + Path.of("templates").toAbsolutePath() + "\n");
        Instant longAgo = Instant.now().minus(Duration.ofDays(1000));
        try (Gateway gateway = new Gateway(GatewayConfig.load(config, Map.of()), Clock.systemUTC())) {
            Actor actor = new Actor.KeyHolder("test", "test", Role.ADMIN);
            gateway.sales().funnel().create(new Lead("old-1", "piet@bedrijf.example", null, "Piet", "Jansen", "Bedrijf BV",
                    "NL", null, null, Stage.ENGAGEMENT, null, null, null, null, longAgo, longAgo, longAgo), actor);
            gateway.sales().funnel().create(new Lead("new-1", "fleur@bedrijf.example", null, "Fleur", null, null, "NL", null,
                    null, Stage.ENGAGEMENT, null, null, null, null, Instant.now(), null, null), actor);
        }
    }

    private String run(String... args) {
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
    void exportPrintsEveryRecordHeldOnTheSubjectAsJson() throws Exception {
        String printed = run("subject", "export", "--email", " Piet@Bedrijf.example ");

        assertThat(printed).startsWith("0\n");
        JsonNode document = Gateway.objectMapper().readTree(printed.substring(2));
        assertThat(document.path("requestedBy").asText()).isEqualTo("email");
        assertThat(document.path("leads")).singleElement().satisfies(l -> {
            assertThat(l.path("id").asText()).isEqualTo("old-1");
            assertThat(l.path("lastName").asText()).isEqualTo("Jansen");
        });
        assertThat(document.path("counts").path("stageTransitions").asInt()).isEqualTo(1);
    }

    @Test
    void exportNeedsExactlyOneSubject() {
        assertThat(run("subject", "export")).startsWith("2\n");
        assertThat(run("subject", "export", "--email", "a@b.example", "--lead", "x")).startsWith("2\n");
        assertThat(run("subject", "export", "--email", "not an address")).startsWith("2\n");
    }

    @Test
    void purgeInactiveListsFirstThenAnonymisesAndAudits() throws Exception {
        String dry = run("subject", "purge-inactive", "--dry-run");

        assertThat(dry).startsWith("0\n").contains("old-1\tENGAGEMENT").doesNotContain("new-1")
                .contains("would anonymise 1 leads").doesNotContain("piet");
        String done = run("subject", "purge-inactive");
        assertThat(done).startsWith("0\n").contains("anonymised 1 leads").contains("audit entry");

        try (Gateway gateway = new Gateway(GatewayConfig.load(config, Map.of()), Clock.systemUTC())) {
            Lead old = gateway.store().leads().find("old-1").orElseThrow();
            assertThat(old.email()).isNull();
            assertThat(old.lastName()).isNull();
            assertThat(gateway.store().leads().find("new-1").orElseThrow().email()).isEqualTo("fleur@bedrijf.example");
            assertThat(gateway.store().audit().page(new AuditQuery(null, null, null, "old-1", null, null, null,
                    "LEAD_ANONYMISED", 0, 10))).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("cli"));
        }
        assertThat(run("subject", "purge-inactive", "--dry-run")).contains("would anonymise 0 leads");
    }
}
