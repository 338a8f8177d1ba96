package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.ExecRequest;

import java.util.ArrayList;
import java.util.List;

/** Runs a script through /bin/sh -c on the host, for pipes, redirections and shell logic. */
public final class ShellModule extends CoreModule {

    private static final ArgSpec SPEC;

    static {
        List<Arg> args = new ArrayList<>(List.of(
                Arg.required("script", ArgType.STRING, "The shell script, run with /bin/sh -c.")));
        args.addAll(CommandRunner.COMMON_ARGS);
        SPEC = new ArgSpec(args, List.of());
    }

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public String summary() {
        return "Run a /bin/sh script on the host; registers rc, stdout, stderr, duration_ms.";
    }

    @Override
    public ArgSpec args() {
        return SPEC;
    }

    @Override
    protected Outcome execute(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        String script = a.string("script");
        if (a.has("chdir")) {
            // cd in the same shell, so the script's relative paths resolve there
            script = "cd -- " + Texts.shQuote(a.string("chdir")) + " || exit 1\n" + script;
        }
        return CommandRunner.run(ctx, ExecRequest.shell(script), "shell script");
    }
}
