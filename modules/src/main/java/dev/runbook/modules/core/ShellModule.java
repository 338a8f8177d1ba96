package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.modules.support.Shell;


/** Runs a script through /bin/sh -c on the host, for pipes, redirections and shell logic. */
public final class ShellModule extends CoreModule {

    private static final ArgSpec SPEC = withCommon(CommandRunner.COMMON_ARGS,
            Arg.required("script", ArgType.STRING, "The shell script, run with /bin/sh -c."));

    public ShellModule() {
        super("shell", "Run a /bin/sh script on the host; registers rc, stdout, stderr, duration_ms.", SPEC);
    }

    @Override
    protected Outcome execute(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        String script = a.string("script");
        if (a.has("chdir")) {
            // cd in the same shell, so the script's relative paths resolve there
            script = "cd -- " + Shell.quote(a.string("chdir")) + " || exit 1\n" + script;
        }
        return CommandRunner.run(ctx, ExecRequest.shell(script), "shell script");
    }
}
