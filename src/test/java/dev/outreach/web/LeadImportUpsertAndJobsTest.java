package dev.outreach.web;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.outreach.Main;
import dev.outreach.lead.Lead;
import dev.outreach.lead.LeadSource;
import dev.outreach.lead.Stage;
import dev.outreach.lead.StageTransition;
import dev.outreach.web.RunningGateway.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ?mode=upsert} updates stored leads like a PATCH instead of rejecting their rows;
 * {@code ?background=true} imports as a job whose progress, result and rejected lines (CSV) are kept.
 */
class LeadImportUpsertAndJobsTest {

    @TempDir
    static Path dir;

    private static RunningGateway gw;
    private static String integration;

    @BeforeAll
    static void start() {
        gw = RunningGateway.start(dir, Map.of());
        integration = gw.key("crm-upsert", "INTEGRATION");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static void stored(String id, String email, String company) throws Exception {
        Instant now = gw.gateway.clock().instant();
        gw.gateway.store().leads().create(new Lead(id, email, null, "First", "Last", company, "US", null, null,
                Stage.ENGAGEMENT, null, "rep-1", LeadSource.OTHER, null, now, now, now),
                new StageTransition(id, null, Stage.ENGAGEMENT, null, now, "test"));
    }

    @Test
    void upsertUpdatesTheStoredLeadsKeepingBlankCellsAndInsertsTheNewOnes() throws Exception {
        stored("up-1", "up-1@example.com", "Old Co");
        stored("up-2", "up-2@example.com", "Other Co");

        Reply r = importCsv("/api/v1/leads/import?mode=upsert", "id,email,company,owner,stage\n"
                + "up-1,,New Co,rep-9,engagement\n"
                + "up-3,up-3@example.com,Fresh Co,rep-9,\n");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("imported").asInt()).isEqualTo(1);
        assertThat(r.json().path("updated").asInt()).isEqualTo(1);
        assertThat(r.json().path("rejected").asInt()).isZero();
        Lead updated = gw.gateway.store().leads().find("up-1").orElseThrow();
        assertThat(updated.company()).isEqualTo("New Co");
        assertThat(updated.owner()).isEqualTo("rep-9");
        assertThat(updated.email()).as("a blank cell keeps the stored value").isEqualTo("up-1@example.com");
        assertThat(updated.firstName()).isEqualTo("First");
        assertThat(gw.gateway.store().leads().transitions("up-1")).hasSize(1);
        assertThat(gw.gateway.store().leads().find("up-3")).isPresent();
    }

    @Test
    void upsertRefusesAStageChangeAndAnEmailOfAnotherLeadNamingTheLine() throws Exception {
        stored("up-10", "up-10@example.com", "Ten Co");
        stored("up-11", "up-11@example.com", "Eleven Co");

        Reply r = importCsv("/api/v1/leads/import?mode=upsert", "id,email,stage\n"
                + "up-10,,closing\n"
                + "up-11,up-10@example.com,\n");

        assertThat(r.json().path("updated").asInt()).isZero();
        assertThat(r.json().path("rejected").asInt()).isEqualTo(2);
        assertThat(r.json().path("errors").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("stage");
        assertThat(r.json().path("errors").get(1).path("line").asInt()).isEqualTo(3);
        assertThat(r.json().path("errors").get(1).path("field").asText()).isEqualTo("email");
        assertThat(gw.gateway.store().leads().find("up-11").orElseThrow().email()).isEqualTo("up-11@example.com");
        assertThat(gw.gateway.store().leads().find("up-10").orElseThrow().stage()).isEqualTo(Stage.ENGAGEMENT);
    }

    @Test
    void anUnknownModeIsABadRequestNamingTheParameter() {
        Reply r = importCsv("/api/v1/leads/import?mode=merge", "id\nx-1\n");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("mode");
    }

    @Test
    void aBackgroundImportIsAJobWithProgressAndItsRejectedLinesDownloadAsCsv() throws Exception {
        StringBuilder csv = new StringBuilder("id,email,company\n");
        for (int i = 1; i <= 2_000; i++) {
            String email = i % 500 == 0 ? "not-an-email" : "job-" + i + "@example.com";
            csv.append("job-").append(i).append(',').append(email).append(",\"Job, Inc.\"\n");
        }

        Reply started = importCsv("/api/v1/leads/import?background=true", csv.toString());

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.text("id");
        assertThat(started.text("status")).isIn("QUEUED", "RUNNING", "DONE");
        Reply done = awaitDone("/api/v1/leads/import/jobs/" + id);
        assertThat(done.text("status")).isEqualTo("DONE");
        assertThat(done.json().path("rowsRead").asInt()).isEqualTo(2_000);
        assertThat(done.json().path("percent").asInt()).isEqualTo(100);
        assertThat(done.json().path("result").path("imported").asInt()).isEqualTo(1_996);
        assertThat(done.json().path("result").path("rejected").asInt()).isEqualTo(4);
        assertThat(gw.gateway.store().leads().find("job-1999").orElseThrow().company()).isEqualTo("Job, Inc.");

        Reply rejected = gw.get(done.text("rejectedLines"), integration);
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.contentType()).startsWith("text/csv");
        CsvMapper csvMapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = csvMapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(rejected.body())) {
            List<Map<String, String>> lines = rows.readAll();
            assertThat(lines).extracting(m -> m.get("line")).containsExactly("501", "1001", "1501", "2001");
            assertThat(lines).allSatisfy(m -> assertThat(m.get("field")).isEqualTo("email"));
        }

        String other = gw.key("crm-other", "INTEGRATION");
        assertThat(gw.get("/api/v1/leads/import/jobs/" + id, other).status()).as("another key's job").isEqualTo(404);
        assertThat(gw.get("/api/v1/leads/import/jobs/" + id, RunningGateway.ADMIN_KEY).status()).isEqualTo(200);
        assertThat(gw.get("/api/v1/leads/import/jobs/no-such-job", integration).status()).isEqualTo(404);
    }

    @Test
    void theImportCommandUpsertsWithModeUpsert() throws Exception {
        stored("cli-up-1", "cli-up-1@example.com", "Before Co");
        Path file = dir.resolve("upsert.csv");
        Files.writeString(file, "id,company\ncli-up-1,After Co\ncli-up-2,Brand New Co\n");
        Path config = dir.resolve("cli.yaml");
        Files.writeString(config, "data:\n  dir: " + dir.resolve("data") + "\ntemplates:\n  dir: "
                + Path.of("templates").toAbsolutePath() + "\nlists:\n  dir: " + dir.resolve("lists") + "\n");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));

        int code = cli.execute("import", "leads", file.toString(), "--mode", "upsert", "--no-progress",
                "--config", config.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("imported 1, updated 1, rejected 0");
        assertThat(gw.gateway.store().leads().find("cli-up-1").orElseThrow().company()).isEqualTo("After Co");
        assertThat(cli.execute("import", "leads", file.toString(), "--mode", "merge", "--config", config.toString()))
                .isEqualTo(2);
    }

    /** The job runs on the server's worker thread; the test can only ask again until it is done. */
    private static Reply awaitDone(String path) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Reply r = gw.get(path, integration);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            if (!r.text("status").equals("QUEUED") && !r.text("status").equals("RUNNING")) {
                return r;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError("the import job did not finish within 60 s");
    }

    private static Reply importCsv(String path, String csv) {
        return gw.call("POST", path, integration, csv, "Content-Type", "text/csv; charset=utf-8");
    }
}
