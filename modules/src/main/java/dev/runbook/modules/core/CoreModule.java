package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of the core modules: holds the name, summary and argument spec every module declares, and
 * turns failures a module understands ({@link ModuleFailure}, a bad argument value) into a Failed
 * outcome with the message, so helpers can stop early by throwing.
 */
abstract class CoreModule implements Module {

    private final String name;
    private final String summary;
    private final ArgSpec spec;

    protected CoreModule(String name, String summary, ArgSpec spec) {
        this.name = name;
        this.summary = summary;
        this.spec = spec;
    }

    /** The module's own arguments first (as {@code runbook modules} lists them), then the shared ones. */
    static ArgSpec withCommon(List<Arg> common, Arg... own) {
        List<Arg> args = new ArrayList<>(List.of(own));
        args.addAll(common);
        return new ArgSpec(args, List.of());
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final ArgSpec args() {
        return spec;
    }

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
