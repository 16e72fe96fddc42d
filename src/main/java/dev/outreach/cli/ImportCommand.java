package dev.outreach.cli;

import dev.outreach.Gateway;
import dev.outreach.gateway.Actor;
import dev.outreach.gateway.CountingInputStream;
import dev.outreach.gateway.LeadImport;
import dev.outreach.web.LeadCsvRows;
import dev.outreach.web.LeadFields;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code import leads FILE}: the bulk lead import of {@code POST /api/v1/leads/import}, straight into
 * the database, with a progress bar on standard error. Exit 0 when every row was imported, 1 when
 * some rows were rejected (the others are kept) or the file cannot be imported.
 */
@Command(name = "import", description = "Bulk imports.", subcommands = ImportCommand.Leads.class)
public final class ImportCommand {

    @Command(name = "leads", description = "Import leads from a CSV file with a header row (columns in docs/reports.md).")
    static final class Leads implements Callable<Integer> {

        private static final int BAR_WIDTH = 30;
        /** The API's region for phone numbers of leads without a country. */
        private static final String DEFAULT_PHONE_REGION = "US";

        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Parameters(index = "0", paramLabel = "FILE", description = "CSV file, UTF-8, header row first")
        Path file;

        @Option(names = "--mode", defaultValue = "insert", description = "insert (default: a row whose id or email "
                + "is stored is rejected) or upsert (a row whose id is stored updates that lead)")
        String mode;

        @Option(names = "--no-progress", description = "do not draw the progress bar")
        boolean noProgress;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LeadImport.Mode chosen;
            try {
                chosen = LeadImport.Mode.parse(mode);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--mode " + e.getMessage());
            }
            long size;
            try {
                size = Files.size(file);
            } catch (NoSuchFileException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + file);
            }
            try (Gateway gateway = new Gateway(config.load(), Clock.systemUTC());
                 CountingInputStream in = new CountingInputStream(Files.newInputStream(file))) {
                LeadCsvRows rows = new LeadCsvRows(new LeadFields(gateway.clock(), DEFAULT_PHONE_REGION));
                LeadImport.Result r = gateway.sales().leadImport().run(
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), rows, Actor.SYSTEM, chosen,
                        read -> progress(err, in.count(), size, read));
                if (!noProgress) {
                    err.println();
                    err.flush();
                }
                out.println("imported " + r.imported() + (chosen == LeadImport.Mode.UPSERT ? ", updated "
                        + r.updated() : "") + ", rejected " + r.rejected()
                        + (r.complete() ? "" : " (the file became unreadable; the rest was not read)"));
                r.errors().forEach(e -> out.println("line " + e.line() + ": " + e.field() + ": " + e.message()));
                if (r.errorsNotListed() > 0) {
                    out.println("... and " + r.errorsNotListed() + " more errors");
                }
                out.flush();
                return r.rejected() == 0 && r.complete() ? 0 : 1;
            }
        }

        private void progress(PrintWriter err, long bytes, long size, long rows) {
            if (noProgress) {
                return;
            }
            int percent = size == 0 ? 100 : (int) Math.min(100, bytes * 100 / size);
            int filled = percent * BAR_WIDTH / 100;
            err.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + String.format("%3d%%", percent)
                    + "  " + String.format("%,d", rows) + " rows");
            err.flush();
        }
    }
}
