package dev.runbook.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code runbook run}: loads, plans and executes a runbook, with a run record, the cluster lock and
 * provenance checks ({@link RunSession}; docs/running.md and docs/safety.md).
 */
@Command(name = "run", description = "Run a runbook against an inventory.", mixinStandardHelpOptions = true,
        footer = {"", ExitCodes.HELP})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook YAML file.")
    Path runbook;

    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY", description = "Inventory file.")
    Path inventory;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Only these hosts (a host pattern).")
    String limit;

    @Option(names = "--tags", split = ",", paramLabel = "TAG", description = "Only steps with these tags.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--skip-tags", split = ",", paramLabel = "TAG", description = "Leave out steps with these tags.")
    List<String> skipTags = new ArrayList<>();

    @Option(names = "--check", description = "Change nothing; report what would change.")
    boolean check;

    @Option(names = "--require-clean", description = "Refuse to run when the runbook, its includes or the inventory have uncommitted changes.")
    boolean requireClean;

    @Option(names = "--ref", paramLabel = "REF",
            description = "Run the runbook and inventory as committed at this git ref (tag, branch, commit), not as in the work tree.")
    String ref;

    @Mixin
    ExecFlags flags = new ExecFlags();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Cli cli;

    RunCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        RunTarget target = new RunTarget(runbook, inventory, flags.extraVars(cli.modules().get()), limit, tags, skipTags, check, requireClean, ref);
        // The original arguments start with the command name already.
        List<String> argv = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        return new RunSession(cli, flags).execute(target, argv, null);
    }
}
