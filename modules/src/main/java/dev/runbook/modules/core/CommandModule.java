package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.ExecRequest;

import java.util.List;


/** Runs a program on the host without a shell: no globbing, pipes or variables, so no quoting surprises. */
public final class CommandModule extends CoreModule {

    private static final ArgSpec SPEC = withCommon(CommandRunner.COMMON_ARGS,
            Arg.optional("argv", ArgType.LIST, null, "The program and its arguments, one list item per word."),
            Arg.optional("cmd", ArgType.STRING, null, "The command line, split into words like a shell would (quotes, backslashes) but run without a shell.")).oneOf("argv", "cmd");

    public CommandModule() {
        super("command", "Run a program on the host without a shell; registers rc, stdout, stderr, duration_ms.", SPEC);
    }

    @Override
    protected Outcome execute(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        List<String> argv = a.has("argv") ? a.strings("argv") : ShellWords.split(a.string("cmd"));
        if (argv.isEmpty()) {
            return Outcome.failed("the command is empty: give the program to run in argv or cmd");
        }
        List<String> words = a.has("chdir") ? CommandRunner.inDir(a.string("chdir"), argv) : argv;
        return CommandRunner.run(ctx, ExecRequest.argv(words), "command '" + argv.get(0) + "'");
    }
}
