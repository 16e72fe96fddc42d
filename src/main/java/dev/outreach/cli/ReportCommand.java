package dev.outreach.cli;

import dev.outreach.Gateway;
import dev.outreach.report.CsvReportWriter;
import dev.outreach.report.FollowUpStatus;
import dev.outreach.report.ReportText;
import dev.outreach.report.Reports;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code report funnel|follow-ups|compliance}: the reports of {@code GET /api/v1/reports/*}, read
 * straight from the database and printed as a table (or CSV with {@code --format csv}).
 */
@Command(name = "report", description = "Print the funnel, follow-up or compliance report (docs/reports.md).",
        subcommands = {ReportCommand.Funnel.class, ReportCommand.FollowUps.class, ReportCommand.Compliance.class})
public final class ReportCommand {

    /** Options every report shares. */
    abstract static class ReportOptions implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Option(names = "--format", defaultValue = "table", description = "table (default) or csv")
        String format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            boolean csv = switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "table" -> false;
                case "csv" -> true;
                default -> throw new ParameterException(spec.commandLine(), "--format must be table or csv");
            };
            check();
            try (Gateway gateway = new Gateway(config.load(), Clock.systemUTC())) {
                PrintWriter out = spec.commandLine().getOut();
                print(gateway.sales().reports(), csv, out);
                out.flush();
            }
            return 0;
        }

        /** Validates options before anything is opened. */
        void check() {
        }

        abstract void print(Reports reports, boolean csv, PrintWriter out);

        Instant instant(String option, String raw) {
            if (raw == null || raw.isBlank()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(raw.trim()).toInstant();
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDate.parse(raw.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new ParameterException(spec.commandLine(), option + " must be an ISO-8601 instant with "
                            + "offset (2026-11-27T14:05:00Z) or a date (2026-11-27), was '" + raw + "'");
                }
            }
        }

        void window(Instant from, Instant to) {
            if (from != null && to != null && !to.isAfter(from)) {
                throw new ParameterException(spec.commandLine(), "--to must be after --from");
            }
        }
    }

    @Command(name = "funnel", description = "Per stage: entered, current, moved on, conversion, median time in "
            + "stage, touches; the close rate.")
    static final class Funnel extends ReportOptions {
        @Option(names = "--from", description = "window start, inclusive (instant or date)")
        String from;

        @Option(names = "--to", description = "window end, exclusive (instant or date)")
        String to;

        @Option(names = "--owner", description = "only this rep's leads")
        String owner;

        @Override
        void check() {
            window(instant("--from", from), instant("--to", to));
        }

        @Override
        void print(Reports reports, boolean csv, PrintWriter out) {
            var r = reports.funnel(instant("--from", from), instant("--to", to), owner);
            write(csv, out, w -> new CsvReportWriter(w).funnel(r), () -> ReportText.funnel(r));
        }
    }

    @Command(name = "follow-ups", description = "The SOP follow-ups owed now, earliest deadline first.")
    static final class FollowUps extends ReportOptions {
        @Option(names = "--status", description = "due or overdue (default: both)")
        String status;

        @Option(names = "--owner", description = "only this rep's leads")
        String owner;

        @Override
        void check() {
            status();
        }

        private FollowUpStatus status() {
            if (status == null || status.isBlank()) {
                return null;
            }
            return switch (status.trim().toLowerCase(Locale.ROOT)) {
                case "due" -> FollowUpStatus.DUE;
                case "overdue" -> FollowUpStatus.OVERDUE;
                default -> throw new ParameterException(spec.commandLine(), "--status must be due or overdue");
            };
        }

        @Override
        void print(Reports reports, boolean csv, PrintWriter out) {
            var list = reports.followUps(status(), owner);
            write(csv, out, w -> new CsvReportWriter(w).followUps(list), () -> ReportText.followUps(list));
        }
    }

    @Command(name = "compliance", description = "Decisions by channel, blocks by rule, top blocked reasons, "
            + "follow-ups overdue because of a block, bounce and complaint rates per sender domain and day.")
    static final class Compliance extends ReportOptions {
        @Option(names = "--from", description = "window start, inclusive (instant or date)")
        String from;

        @Option(names = "--to", description = "window end, exclusive (instant or date)")
        String to;

        @Override
        void check() {
            window(instant("--from", from), instant("--to", to));
        }

        @Override
        void print(Reports reports, boolean csv, PrintWriter out) {
            var r = reports.compliance(instant("--from", from), instant("--to", to));
            write(csv, out, w -> new CsvReportWriter(w).compliance(r), () -> ReportText.compliance(r));
        }
    }

    private static void write(boolean csv, PrintWriter out, Consumer<PrintWriter> asCsv,
                              Supplier<String> asText) {
        if (csv) {
            asCsv.accept(out);
        } else {
            out.print(asText.get());
        }
    }
}
