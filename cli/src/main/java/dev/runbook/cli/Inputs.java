package dev.runbook.cli;

import dev.runbook.engine.inventory.HostPatterns;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.load.Workspace;
import dev.runbook.engine.model.Runbook;
import dev.runbook.engine.model.VarDecl;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.plan.Plan;
import dev.runbook.engine.plan.PlanOptions;
import dev.runbook.engine.plan.Planner;
import dev.runbook.engine.secret.Secrets;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.template.PebbleTemplateEngine;
import dev.runbook.engine.template.TemplateEngine;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads, validates (lang's {@link Workspace}: runbook, inventory, extra vars, validator) and plans:
 * what {@code validate} and {@code plan} print comes from exactly this path. Every problem of the
 * load is thrown at once; planning problems (e.g. a {@code --limit} matching nothing) come after.
 */
public final class Inputs {

    private final ModuleRegistry modules;

    public Inputs(ModuleRegistry modules) {
        this.modules = modules;
    }

    /** Everything loaded and planned; {@code secrets} holds the values of secret extra vars. */
    public record Loaded(Inventory inventory, Runbook runbook, Map<String, Object> extraVars, Secrets secrets,
                         TemplateEngine templates, Plan plan) {
    }

    public Inventory inventory(Path file) throws InvalidInputException {
        return new Workspace(modules).inventory(file);
    }

    public Loaded load(Path runbookFile, InputOptions in, PlanOptions options) throws InvalidInputException {
        Workspace.Loaded loaded = new Workspace(modules).load(runbookFile, in.inventory, in.extraVars);
        Runbook runbook = loaded.runbook();
        Map<String, Object> extra = loaded.extraVars();
        Secrets secrets = new Secrets();
        for (VarDecl d : runbook.vars().values()) {
            if (d.secret() && extra.get(d.name()) != null) {
                secrets.add(String.valueOf(extra.get(d.name())));
            }
        }
        TemplateEngine templates = new PebbleTemplateEngine(secrets);
        Plan plan = new Planner(HostPatterns::resolve, templates).plan(runbook, loaded.inventory(), extra, options);
        return new Loaded(loaded.inventory(), runbook, extra, secrets, templates, plan);
    }
}
