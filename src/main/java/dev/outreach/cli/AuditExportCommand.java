package dev.outreach.cli;

import dev.outreach.audit.AuditExport;
import dev.outreach.audit.AuditFilter;
import dev.outreach.audit.RecipientPseudonyms;
import dev.outreach.config.GatewayConfig;
import dev.outreach.config.TimeText;
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
import java.time.format.DateTimeParseException;
import java.util.Map;
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

    /** The option naming each filter, for messages. */
    private static final Map<String, String> OPTIONS = Map.of("from", "from", "to", "to", "recipient", "recipient",
            "leadId", "lead", "channel", "channel", "decision", "decision", "rule", "rule", "kind", "kind",
            "actor", "actor");

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
        GatewayConfig cfg = config.load();
        try (Store store = ConfigOption.openStore(cfg)) {
            // The same secret the gateway keys pseudonyms with (created on first use, as the gateway would).
            RecipientPseudonyms pseudonyms = new RecipientPseudonyms(store.secrets()
                    .getOrCreate("recipient-pseudonym-key", AuditExportCommand::random32));
            AuditFilter.Parsed parsed = new AuditFilter(pseudonyms, DEFAULT_PHONE_REGION, TimeText.Form.WITH_OFFSET)
                    .parse(this::typed);
            if (!parsed.ok()) {
                AuditFilter.FieldError first = parsed.errors().get(0);
                throw new CommandLine.ParameterException(spec.commandLine(), "--" + OPTIONS.get(first.field()) + ": "
                        + first.message());
            }
            AuditQuery query = parsed.query();
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

    /** An option's text by the filter's name in {@link AuditFilter#FIELDS}. */
    private String typed(String field) {
        return switch (field) {
            case "from" -> from;
            case "to" -> to;
            case "recipient" -> recipient;
            case "leadId" -> leadId;
            case "channel" -> channel;
            case "decision" -> decision;
            case "rule" -> rule;
            case "kind" -> kind;
            case "actor" -> actor;
            default -> null;
        };
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
