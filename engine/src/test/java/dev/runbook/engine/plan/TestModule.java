package dev.runbook.engine.plan;

import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;

/** A module known only by name and arguments: rendering and schema tests never run it. */
record TestModule(String name, String summary, ArgSpec args) implements Module {

    @Override
    public Outcome run(ModuleContext ctx) {
        return Outcome.ok(name + " did nothing");
    }
}
