package dev.runbook.modules.core;

import dev.runbook.engine.module.ArgSpec;

/**
 * A core module that works on the control machine (shows, asks, waits, evaluates, calls HTTP):
 * the engine gives it a local transport instead of the host's connection.
 */
abstract class ControllerModule extends CoreModule {

    protected ControllerModule(String name, String summary, ArgSpec spec) {
        super(name, summary, spec);
    }

    @Override
    public final boolean runsOnController() {
        return true;
    }
}
