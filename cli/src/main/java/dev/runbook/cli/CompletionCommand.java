package dev.runbook.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints the shell completion script for bash and zsh.",
                "bash: source <(runbook completion)",
                "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(runbook completion)"})
final class CompletionCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Cli cli;

    CompletionCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        cli.out().print(AutoComplete.bash(root.getCommandName(), root));
        return ExitCodes.OK;
    }
}
