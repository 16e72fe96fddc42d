package dev.outreach.cli;

import dev.outreach.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command answers {@code --help}, and one idea has one option name across all commands. */
class CommandLineConventionsTest {

    /** Old spellings that stay accepted as aliases but must never be a command's main name. */
    private static final Map<String, String> RENAMED = Map.of("--output", "--out", "--lead-id", "--lead");

    @Test
    void everyCommandAndSubcommandPrintsItsUsageForHelpAndExitsZero() {
        List<List<String>> paths = paths(new CommandLine(new Main()), List.of());
        assertThat(paths).extracting(p -> String.join(" ", p))
                .contains("serve", "templates lint", "audit verify", "audit export", "audit prune", "check",
                        "report funnel", "report follow-ups", "report compliance", "import leads", "subject export",
                        "subject purge-inactive");
        for (List<String> path : paths) {
            CommandLine cli = new CommandLine(new Main());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            String[] args = Stream.concat(path.stream(), Stream.of("--help")).toArray(String[]::new);

            int code = cli.execute(args);

            assertThat(code).as("exit code of %s", Arrays.toString(args)).isZero();
            assertThat(out.toString()).as("usage of %s", Arrays.toString(args))
                    .startsWith("Usage: outreach-gateway " + String.join(" ", path))
                    .contains("-h, --help");
            assertThat(err.toString()).as("errors of %s", Arrays.toString(args)).isEmpty();
        }
    }

    @Test
    void noCommandUsesAnOldOptionNameAsItsMainName() {
        for (List<String> path : paths(new CommandLine(new Main()), List.of())) {
            CommandLine command = command(path);
            for (OptionSpec option : command.getCommandSpec().options()) {
                String main = option.names()[0];
                assertThat(RENAMED).as("%s of '%s' should be called %s", main, String.join(" ", path),
                        RENAMED.get(main)).doesNotContainKey(main);
            }
        }
    }

    @Test
    void theOldNamesOutputAndLeadIdStillWorkAsAliases() {
        SubjectCommand.Export viaOld = parsed(new String[]{"subject", "export", "--lead", "l-1", "--output", "a.json"});
        SubjectCommand.Export viaNew = parsed(new String[]{"subject", "export", "--lead", "l-1", "--out", "a.json"});
        assertThat(viaOld.out).isEqualTo(Path.of("a.json")).isEqualTo(viaNew.out);

        AuditExportCommand oldLead = parsed(new String[]{"audit", "export", "--format", "csv", "--lead-id", "l-1"});
        AuditExportCommand newLead = parsed(new String[]{"audit", "export", "--format", "csv", "--lead", "l-1"});
        assertThat(oldLead.leadId).isEqualTo("l-1").isEqualTo(newLead.leadId);
    }

    private static <T> T parsed(String[] args) {
        CommandLine.ParseResult result = new CommandLine(new Main()).parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result.commandSpec().commandLine().getCommand();
    }

    private static CommandLine command(List<String> path) {
        CommandLine cli = new CommandLine(new Main());
        for (String name : path) {
            cli = cli.getSubcommands().get(name);
        }
        return cli;
    }

    /** Every path from the root to a command, e.g. [audit], [audit, export]. */
    private static List<List<String>> paths(CommandLine cli, List<String> prefix) {
        List<List<String>> all = new ArrayList<>();
        for (Map.Entry<String, CommandLine> sub : cli.getSubcommands().entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(sub.getKey());
            all.add(path);
            all.addAll(paths(sub.getValue(), path));
        }
        return all;
    }
}
