package dev.runbook.modules.core;

/**
 * A failure the module understands (bad argument value, a helper command that failed), raised deep
 * in a helper and turned into {@link dev.runbook.engine.module.Outcome.Failed} by the module's run().
 */
final class ModuleFailure extends RuntimeException {

    ModuleFailure(String message) {
        super(message);
    }
}
