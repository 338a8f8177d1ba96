package dev.runbook.cli;

import dev.runbook.engine.inventory.HostPatterns;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.inventory.InventoryLoader;
import dev.runbook.engine.load.LoadedRunbook;
import dev.runbook.engine.load.RunbookLoader;
import dev.runbook.engine.model.Runbook;
import dev.runbook.engine.model.VarDecl;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.plan.Plan;
import dev.runbook.engine.plan.PlanOptions;
import dev.runbook.engine.plan.Planner;
import dev.runbook.engine.secret.Secrets;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;
import dev.runbook.engine.source.Problems;
import dev.runbook.engine.template.PebbleTemplateEngine;
import dev.runbook.engine.template.TemplateEngine;
import dev.runbook.engine.yaml.YamlReader;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and checks everything a command needs before anything can run: inventory, runbook, extra
 * vars, then the plan. Collects every problem of every stage it could reach and throws them together.
 * {@code run} uses the same path, so what {@code validate} accepts is exactly what would run.
 */
public final class Inputs {

    private final ModuleRegistry modules;
    private final YamlReader yaml = new YamlReader();

    public Inputs(ModuleRegistry modules) {
        this.modules = modules;
    }

    /** Everything loaded and planned; {@code secrets} holds the values of secret extra vars. */
    public record Loaded(Inventory inventory, Runbook runbook, Map<String, Object> extraVars, Secrets secrets,
                         TemplateEngine templates, Plan plan) {
    }

    public Inventory inventory(Path file) throws InvalidInputException {
        return new InventoryLoader(yaml).load(file);
    }

    public Loaded load(Path runbookFile, InputOptions in, PlanOptions options) throws InvalidInputException {
        Problems problems = new Problems();
        Optional<Inventory> inventory = new InventoryLoader(yaml).load(in.inventory, problems);
        Optional<LoadedRunbook> loaded = new RunbookLoader(modules, yaml).load(runbookFile, problems);
        Map<String, Object> extra = ExtraVars.parse(in.extraVars, yaml, problems);
        problems.throwIfAny();
        Runbook runbook = loaded.orElseThrow().runbook();
        Secrets secrets = new Secrets();
        runbook.vars().values().stream().filter(VarDecl::secret).map(d -> extra.get(d.name()))
                .filter(v -> v != null).forEach(v -> secrets.add(String.valueOf(v)));
        requiredVars(runbook, inventory.orElseThrow(), extra, problems);
        TemplateEngine templates = new PebbleTemplateEngine(secrets);
        Plan plan = null;
        try {
            plan = new Planner(HostPatterns::resolve, templates).plan(runbook, inventory.get(), extra, options);
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
        problems.throwIfAny();
        return new Loaded(inventory.get(), runbook, extra, secrets, templates, plan);
    }

    /**
     * A required variable without a default must come from -e or the inventory's {@code all} vars
     * (an include's vars satisfy its own declarations, which the loader checks).
     */
    private static void requiredVars(Runbook runbook, Inventory inventory, Map<String, Object> extra, Problems problems) {
        var all = inventory.groups().get("all");
        for (VarDecl d : runbook.vars().values()) {
            boolean given = extra.containsKey(d.name()) || (all != null && all.vars().containsKey(d.name()))
                    || inventory.hosts().values().stream().allMatch(h -> h.vars().containsKey(d.name()))
                    && !inventory.hosts().isEmpty();
            if (d.required() && d.defaultValue() == null && !given) {
                problems.add(Problem.at(d.pos(), "variable '" + d.name() + "' is required and has no value",
                        "give it with -e " + d.name() + "=..." + (d.description() == null ? "" : " (" + d.description() + ")")));
            }
        }
    }
}
