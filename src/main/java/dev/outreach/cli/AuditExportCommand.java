package dev.outreach.cli;

import dev.outreach.audit.AuditExport;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.config.GatewayConfig;
import dev.outreach.policy.Channel;
import dev.outreach.policy.Verdict;
import dev.outreach.store.AuditQuery;
import dev.outreach.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code audit export}: the same streamed CSV or JSON lines as {@code GET /api/v1/audit/export},
 * with the same filters, written to a file or standard output straight from the database.
 */
@Command(name = "export", description = "Export audit entries as CSV or JSON lines (same rows as the API export).")
public final class AuditExportCommand implements Callable<Integer> {

    /** The API's default region for numbers typed without a country code. */
    static final String DEFAULT_PHONE_REGION = "US";

    @CommandLine.Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--format", required = true, description = "csv or jsonl")
    String format;

    @Option(names = "--from", description = "entries at or after this instant (ISO-8601 with offset)")
    String from;

    @Option(names = "--to", description = "entries before this instant (ISO-8601 with offset)")
    String to;

    @Option(names = "--recipient", description = "email address or phone number, typed plainly")
    String recipient;

    @Option(names = {"--lead", "--lead-id"}, description = "only this lead (--lead-id: the old name, still accepted)")
    String leadId;

    @Option(names = "--channel", description = "EMAIL, CALL or SMS")
    String channel;

    @Option(names = "--decision", description = "ALLOW or BLOCK")
    String decision;

    @Option(names = "--rule", description = "only decisions this rule blocked, e.g. canspam.suppression")
    String rule;

    @Option(names = "--kind", description = "only this kind of entry, e.g. DECISION")
    String kind;

    @Option(names = "--actor", description = "only entries by this actor, e.g. key:<id> or system")
    String actor;

    @Option(names = "--out", description = "file to write (default: standard output)")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        AuditExport.Format chosen = parse("--format", "must be csv or jsonl", () -> AuditExport.Format.parse(format));
        Instant fromInstant = instant("--from", from);
        Instant toInstant = instant("--to", to);
        String channelName = channel == null ? null : parse("--channel", "must be EMAIL, CALL or SMS",
                () -> Channel.valueOf(channel.strip().toUpperCase(Locale.ROOT)).name());
        String decisionName = decision == null ? null : parse("--decision", "must be ALLOW or BLOCK",
                () -> Verdict.valueOf(decision.strip().toUpperCase(Locale.ROOT)).name());
        GatewayConfig cfg = config.load();
        try (Store store = ConfigOption.openStore(cfg)) {
            String subjectKey = null;
            if (recipient != null && !recipient.isBlank()) {
                // The same secret the gateway keys pseudonyms with (created on first use, as the gateway would).
                RecipientPseudonyms pseudonyms = new RecipientPseudonyms(store.secrets()
                        .getOrCreate("recipient-pseudonym-key", AuditExportCommand::random32));
                subjectKey = parse("--recipient", null, () -> pseudonyms.ofTyped(recipient, DEFAULT_PHONE_REGION));
            }
            AuditQuery query = new AuditQuery(fromInstant, toInstant, subjectKey, leadId, channelName, decisionName,
                    rule, kind, actor, 0, 0);
            AuditExport export = new AuditExport(store.audit());
            long rows;
            if (out == null) {
                OutputStream stdout = new BufferedOutputStream(System.out, 64 * 1024);
                rows = export.write(query, chosen, stdout);
                stdout.flush();
            } else {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 64 * 1024)) {
                    rows = export.write(query, chosen, file);
                }
            }
            System.err.println("exported " + rows + " audit entries" + (out == null ? "" : " to " + out));
            return 0;
        }
    }

    private Instant instant(String option, String raw) {
        return raw == null ? null : parse(option, "must be an ISO-8601 instant with offset, e.g. 2026-11-27T14:05:00Z",
                () -> OffsetDateTime.parse(raw).toInstant());
    }

    private <T> T parse(String option, String expected, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": "
                    + (expected != null ? expected : e.getMessage()));
        }
    }

    private static byte[] random32() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
