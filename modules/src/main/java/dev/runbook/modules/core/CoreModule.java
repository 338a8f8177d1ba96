package dev.runbook.modules.core;

import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;

/**
 * Base of the core modules: turns failures a module understands ({@link ModuleFailure}, a bad
 * argument value) into a Failed outcome with the message, so helpers can stop early by throwing.
 */
abstract class CoreModule implements Module {

    @Override
    public final Outcome run(ModuleContext ctx) throws Exception {
        try {
            return execute(ctx);
        } catch (ModuleFailure | IllegalArgumentException e) {
            return Outcome.failed(e.getMessage());
        }
    }

    protected abstract Outcome execute(ModuleContext ctx) throws Exception;
}
