package dev.runbook.cli;

import dev.runbook.engine.plan.PlanOptions;
import dev.runbook.engine.plan.PlannedStep;
import dev.runbook.engine.source.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a runbook against an inventory without running anything: YAML, keys, modules and "
                + "their arguments, needs (unknown ids, cycles), variables, hosts and groups.",
                "Prints 'ok: N steps, M hosts', or every problem on stderr as file:line:col: message and exits 2."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook file.")
    Path runbook;

    @Mixin
    InputOptions inputs;

    private final Cli cli;

    ValidateCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InvalidInputException {
        Inputs.Loaded loaded = new Inputs(cli.modules().get()).load(runbook, inputs, PlanOptions.ALL);
        Set<String> hosts = new HashSet<>();
        for (PlannedStep p : loaded.plan().steps()) {
            hosts.addAll(p.hosts());
        }
        int steps = loaded.plan().steps().size();
        cli.out().println("ok: " + steps + (steps == 1 ? " step, " : " steps, ") + hosts.size()
                + (hosts.size() == 1 ? " host" : " hosts"));
        return ExitCodes.OK;
    }
}
