package dev.runbook.cli;

import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code runbook} command. Each subcommand is a small class in this package with a constructor
 * taking {@link Cli}; to add one, write it and list it in {@code subcommands} below.
 */
@Command(name = "runbook", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Plans and runs YAML runbooks against an inventory of hosts over SSH.",
        footer = {"", ExitCodes.HELP, "Colour: only on a terminal; set NO_COLOR to turn it off."},
        subcommands = {
                ValidateCommand.class,
                PlanCommand.class,
                RunCommand.class,
                ResumeCommand.class,
                HistoryCommand.class,
                ShowCommand.class,
                ReportCommand.class,
                InventoryCommand.class,
                ModulesCommand.class,
                SchemaCommand.class,
                CompletionCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(Cli.system(), args));
    }

    /** Runs one command line and returns its exit code; output goes to the given {@link Cli}. */
    public static int run(Cli cli, String... args) {
        CommandLine cmd = commandLine(cli);
        int code = cmd.execute(args);
        cli.out().flush();
        cli.err().flush();
        return code;
    }

    /** The configured command tree (also what {@code completion} describes). */
    public static CommandLine commandLine(Cli cli) {
        CommandLine cmd = new CommandLine(new Main(), new CliFactory(cli));
        // -e @vars.yml is ours: picocli would otherwise read @file as more command-line arguments
        cmd.setExpandAtFiles(false);
        cmd.setOut(cli.out());
        cmd.setErr(cli.err());
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(cli.colour() ? CommandLine.Help.Ansi.ON
                : CommandLine.Help.Ansi.OFF));
        cmd.setExitCodeExceptionMapper(e -> e instanceof InvalidInputException ? ExitCodes.INVALID
                : e instanceof CliFailure f ? f.exitCode() : ExitCodes.FAILED);
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof InvalidInputException invalid) {
                printProblems(cli, invalid);
                return ExitCodes.INVALID;
            }
            if (e instanceof CliFailure f) {
                cli.err().println("runbook: " + f.getMessage());
                return f.exitCode();
            }
            cli.err().println("runbook: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (cli.env().containsKey("RUNBOOK_DEBUG")) {
                e.printStackTrace(cli.err());
            }
            return ExitCodes.FAILED;
        });
        // usage errors (unknown option, missing parameter) are invalid input too
        cmd.setParameterExceptionHandler((e, params) -> {
            cli.err().println("runbook: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, cli.err());
            cli.err().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.INVALID;
        });
        return cmd;
    }

    static void printProblems(Cli cli, InvalidInputException e) {
        for (Problem p : e.problems()) {
            cli.err().println(p);
        }
        int n = e.problems().size();
        cli.err().println(n == 1 ? "1 problem; nothing was run" : n + " problems; nothing was run");
    }

    /** Bare {@code runbook}: the usage, as an error, since no command was given. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INVALID;
    }
}
