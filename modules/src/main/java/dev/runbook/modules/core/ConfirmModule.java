package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.module.Prompter;

/** Asks the operator a yes/no question before going on; no stops the run. */
public final class ConfirmModule extends ControllerModule {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.optional("prompt", ArgType.STRING, "Continue?", "The question shown to the operator."));

    public ConfirmModule() {
        super("confirm", "Ask the operator to confirm before going on (--yes answers yes); no fails the step.", SPEC);
    }

    @Override
    protected Outcome execute(ModuleContext ctx) {
        String prompt = ctx.args().string("prompt");
        if (ctx.checkMode()) {
            return Outcome.skipped("not asking in check mode: " + prompt);
        }
        try {
            return ctx.prompter().confirm(prompt)
                    ? Outcome.ok("operator confirmed: " + prompt)
                    : Outcome.failed("operator declined: " + prompt);
        } catch (Prompter.NoTerminalException e) {
            return Outcome.failed("cannot ask '" + prompt + "': no terminal to ask on (" + e.getMessage()
                    + "); run in a terminal, or pass --yes to answer yes to every confirmation");
        }
    }
}
