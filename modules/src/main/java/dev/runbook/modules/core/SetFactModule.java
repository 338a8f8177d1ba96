package dev.runbook.modules.core;

import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sets host variables for later steps: every argument becomes a fact (values already templated). */
public final class SetFactModule extends ControllerModule {

    private static final ArgSpec SPEC = new ArgSpec(List.of(), List.of()).acceptingUndeclared();

    public SetFactModule() {
        super("set_fact", "Set variables for later steps on this host: each argument name: value becomes a fact.", SPEC);
    }

    @Override
    protected Outcome execute(ModuleContext ctx) {
        Map<String, Object> facts = new LinkedHashMap<>(ctx.args().asMap());
        if (facts.isEmpty()) {
            return Outcome.failed("set_fact needs at least one name: value");
        }
        for (String name : facts.keySet()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return Outcome.failed("fact name '" + name + "' is not a valid variable name (letters, digits, _; not starting with a digit)");
            }
        }
        // names only: a fact's value may be a secret
        return Outcome.ok("set " + String.join(", ", facts.keySet()), Map.of(Module.FACTS, facts));
    }
}
