package dev.outreach;

import dev.outreach.cli.AuditCommand;
import dev.outreach.cli.CheckCommand;
import dev.outreach.cli.ImportCommand;
import dev.outreach.cli.ReportCommand;
import dev.outreach.cli.ServeCommand;
import dev.outreach.cli.SubjectCommand;
import dev.outreach.cli.TemplatesCommand;
import dev.outreach.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point: the root of the command tree. The commands live in {@code dev.outreach.cli},
 * one class each; the list below is the tree's first level (README.md's "Command line" table
 * describes each). {@code --help} and {@code --version} are inherited by every subcommand.
 */
@Command(name = "outreach-gateway", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "0.1.0", description = "Compliance gateway for sales and marketing email, calls and texts.",
        subcommands = {
                ServeCommand.class,
                TemplatesCommand.class,
                AuditCommand.class,
                CheckCommand.class,
                ReportCommand.class,
                ImportCommand.class,
                SubjectCommand.class,
                dev.outreach.cli.ScrubCommand.class,
                dev.outreach.cli.DkimCommand.class,
        })
public final class Main {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return e instanceof ConfigException ? 2 : 1;
        });
        System.exit(cli.execute(args));
    }
}
