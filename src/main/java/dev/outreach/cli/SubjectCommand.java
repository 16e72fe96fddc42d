package dev.outreach.cli;

import dev.outreach.Gateway;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreach.contact.EmailAddresses;
import dev.outreach.contact.PhoneNumbers;
import dev.outreach.gateway.InactiveLeadPurge;
import dev.outreach.gateway.SubjectRef;
import dev.outreach.store.InactiveLead;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code subject export}: every record held on one data subject as JSON (the document of
 * {@code POST /api/v1/subjects/export}); {@code subject purge-inactive}: the storage-limitation purge
 * the server runs daily, on demand, with {@code --dry-run} to list the leads first. Both are
 * audited, as {@code cli}.
 */
@Command(name = "subject", description = "Data-subject requests and storage limitation (docs/gdpr.md).",
        subcommands = {SubjectCommand.Export.class, SubjectCommand.PurgeInactive.class})
public final class SubjectCommand {

    static final String ACTOR = "cli";

    /** Exactly one way of naming the subject. */
    static final class Who {
        @Option(names = "--email", required = true, description = "the person's email address")
        String email;

        @Option(names = "--phone", required = true, description = "the person's phone number (E.164, or US format)")
        String phone;

        @Option(names = "--lead", required = true, description = "a lead id")
        String lead;
    }

    @Command(name = "export", description = "Print every record held on one subject as one JSON document "
            + "(GDPR Art 15, 20); audited as SUBJECT_EXPORTED.")
    static final class Export implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @ArgGroup(exclusive = true, multiplicity = "1")
        Who who;

        @Option(names = {"--out", "--output"}, description = "write the document to this file instead of standard "
                + "output (--output: the old name, still accepted)")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SubjectRef ref = ref();
            try (Gateway gateway = new Gateway(config.load(), Clock.systemUTC())) {
                ObjectMapper json = gateway.base().json();
                Map<String, Object> document = gateway.subjectRights().exporting().export(ref, ACTOR).document(json);
                String text = json.writerWithDefaultPrettyPrinter().writeValueAsString(document);
                if (out != null) {
                    Files.writeString(out, text + "\n");
                } else {
                    PrintWriter stdout = spec.commandLine().getOut();
                    stdout.println(text);
                    stdout.flush();
                }
            }
            return 0;
        }

        private SubjectRef ref() {
            try {
                if (who.email != null) {
                    return SubjectRef.email(EmailAddresses.normalise(who.email));
                }
                if (who.phone != null) {
                    return SubjectRef.phone(PhoneNumbers.toE164(who.phone, "US"));
                }
                return SubjectRef.lead(who.lead.trim());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), (who.email != null ? "--email " : "--phone ")
                        + e.getMessage());
            }
        }
    }

    @Command(name = "purge-inactive", description = "Anonymise the leads with no activity for retention.inactive-leads "
            + "(audited); --dry-run lists them and changes nothing.")
    static final class PurgeInactive implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Option(names = "--dry-run", description = "list the leads that would be anonymised; change nothing")
        boolean dryRun;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Gateway gateway = new Gateway(config.load(), Clock.systemUTC())) {
                InactiveLeadPurge purge = gateway.subjectRights().inactiveLeads();
                InactiveLeadPurge.Report report = dryRun ? purge.report(Integer.MAX_VALUE)
                        : purge.purge(ACTOR, Integer.MAX_VALUE);
                PrintWriter out = spec.commandLine().getOut();
                for (InactiveLead lead : report.leads()) {
                    out.println(lead.leadId() + "\t" + lead.stage() + "\t" + (lead.outcome() == null ? "-"
                            : lead.outcome()) + "\tlast activity " + lead.lastActivityAt());
                }
                out.println((dryRun ? "would anonymise " : "anonymised ") + report.leads().size()
                        + " leads with no activity since " + report.cutoff() + " (retention " + report.retention()
                        + ")" + (report.auditEntryId() == null ? "" : "; audit entry " + report.auditEntryId()));
                out.flush();
            }
            return 0;
        }
    }
}
