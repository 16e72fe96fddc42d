package dev.outreach.cli;

import dev.outreach.config.ConfigKey;
import dev.outreach.template.LintProblem;
import dev.outreach.template.TemplateCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code templates lint}: lints every template the gateway would load. */
@Command(name = "templates", description = "Template tools.", subcommands = TemplatesCommand.Lint.class)
public final class TemplatesCommand {

    @Command(name = "lint", description = "Lint every template; exit 1 if any has an error.")
    static final class Lint implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOption config = new ConfigOption();

        @Override
        public Integer call() {
            TemplateCatalog catalog = TemplateCatalog.load(config.load().path(ConfigKey.TEMPLATES_DIR));
            List<LintProblem> problems = catalog.problems();
            problems.forEach(System.out::println);
            System.out.println(catalog.templates().size() + " templates, " + problems.size() + " problems");
            return catalog.hasErrors() ? 1 : 0;
        }
    }
}
