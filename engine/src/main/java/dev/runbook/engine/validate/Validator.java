package dev.runbook.engine.validate;

import dev.runbook.engine.inventory.HostPatterns;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.inventory.PatternException;
import dev.runbook.engine.load.LoadedRunbook;
import dev.runbook.engine.load.StepSource;
import dev.runbook.engine.model.ModuleCall;
import dev.runbook.engine.model.Step;
import dev.runbook.engine.model.VarDecl;
import dev.runbook.engine.source.Problems;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.template.TemplateAnalysis;
import dev.runbook.engine.template.TemplateAnalyzer;
import dev.runbook.engine.template.TemplateEngine;
import dev.runbook.engine.yaml.Suggest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks that need more than the runbook file: host patterns against the inventory, required
 * vars against the extra vars and the inventory, and variables used in templates that nothing
 * defines. Template roots may be declared vars, inventory vars, extra vars, step vars (including
 * what includes pass), registered names, keys set by a {@code set_fact} step, or the builtins.
 */
public final class Validator {

    /** Names every template can use (see CONTRACTS.md "Templates"). */
    public static final Set<String> BUILTINS = Set.of("inventory_hostname", "host", "groups", "group_names",
            "hostvars", "run", "item");
    /** A module whose arguments define variables for later steps (its ArgSpec accepts undeclared names). */
    static final String SET_FACT = "set_fact";

    private final TemplateAnalyzer analyzer;
    private final dev.runbook.engine.module.ModuleRegistry modules;

    public Validator(TemplateAnalyzer analyzer, dev.runbook.engine.module.ModuleRegistry modules) {
        this.analyzer = analyzer;
        this.modules = modules;
    }

    /**
     * Adds every problem found. {@code inventory} may be null (no inventory given): host patterns and
     * undefined template variables are then not checked (template syntax still is).
     */
    public void validate(LoadedRunbook loaded, Inventory inventory, Map<String, Object> extraVars, Problems problems) {
        // Without an inventory its vars are unknown: only template syntax is checked, not undefined names.
        Set<String> known = inventory == null ? null : knownNames(loaded, inventory, extraVars);
        for (StepSource s : loaded.steps()) {
            if (inventory != null) {
                hosts(s, inventory, problems);
            }
            templates(s, known, problems);
        }
        for (VarDecl decl : loaded.runbook().vars().values()) {
            if (extraVars.containsKey(decl.name())) {
                String error = dev.runbook.engine.load.ArgCheck.typeError(decl.type(), extraVars.get(decl.name()),
                        "var '" + decl.name() + "'", decl.secret());
                if (error != null) {
                    problems.add(dev.runbook.engine.load.ExtraVars.COMMAND_LINE, error + " (given with -e)",
                            "it is declared at " + decl.pos());
                }
            }
            if (decl.required() && decl.defaultValue() == null) {
                required(decl, inventory, extraVars, problems);
            }
            if (decl.defaultValue() != null) {
                report(analyzer.analyzeValue(decl.defaultValue(), decl.pos()), known, decl.pos(),
                        "the default of var '" + decl.name() + "'", problems);
            }
        }
    }

    private boolean definesFacts(String module) {
        return module.equals(SET_FACT) || modules.find(module).map(m -> m.args().acceptsUndeclared()).orElse(false);
    }

    private Set<String> knownNames(LoadedRunbook loaded, Inventory inventory, Map<String, Object> extraVars) {
        Set<String> known = new TreeSet<>(BUILTINS);
        known.addAll(loaded.runbook().vars().keySet());
        known.addAll(extraVars.keySet());
        if (inventory != null) {
            inventory.hosts().values().forEach(h -> known.addAll(h.vars().keySet()));
            inventory.groups().values().forEach(g -> known.addAll(g.vars().keySet()));
        }
        for (Step step : loaded.runbook().steps()) {
            if (step.register() != null) {
                known.add(step.register());
            }
            if (step.call() != null && definesFacts(step.call().module())) {
                known.addAll(step.call().args().keySet());
            }
        }
        return known;
    }

    private static void hosts(StepSource s, Inventory inventory, Problems problems) {
        String pattern = s.step().hosts();
        if (pattern == null || TemplateEngine.isTemplate(pattern)) {
            return;
        }
        SourcePos pos = s.pos("hosts");
        try {
            if (HostPatterns.resolve(inventory, pattern).isEmpty()) {
                problems.add(pos, "host pattern '" + pattern + "' matches no host in inventory " + inventory.name(),
                        "groups: " + String.join(", ", inventory.groups().keySet()));
            }
        } catch (PatternException e) {
            problems.add(pos, e.getMessage(), e.hint());
        }
    }

    private void templates(StepSource s, Set<String> known, Problems problems) {
        Step step = s.step();
        // A view, not a copy: `known` holds every register name, and copying it for each step made
        // validation quadratic in the number of steps.
        Set<String> local = known == null || step.vars().isEmpty() ? known : union(known, step.vars().keySet());
        String label = "step '" + step.id() + "'";
        if (step.name() != null) {
            report(analyzer.analyze(step.name(), s.pos("name")), local, s.pos("name"), "the name of " + label, problems);
        }
        if (step.hosts() != null) {
            report(analyzer.analyze(step.hosts(), s.pos("hosts")), local, s.pos("hosts"), "the hosts of " + label, problems);
        }
        if (step.when() != null) {
            report(analyzer.analyzeCondition(step.when(), s.pos("when")), local, s.pos("when"), "'when' of " + label, problems);
        }
        if (step.until() != null) {
            report(analyzer.analyzeCondition(step.until(), s.pos("until")), local, s.pos("until"), "'until' of " + label, problems);
        }
        for (Map.Entry<String, Object> v : step.vars().entrySet()) {
            SourcePos pos = s.pos("vars." + v.getKey());
            report(analyzer.analyzeValue(v.getValue(), pos), known, pos, "var '" + v.getKey() + "' of " + label, problems);
        }
        call(step.call(), local, label, problems);
        step.undo().forEach(u -> call(u, local, "the undo of " + label, problems));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return new java.util.AbstractSet<>() {
            @Override
            public boolean contains(Object o) {
                return a.contains(o) || b.contains(o);
            }

            @Override
            public java.util.Iterator<String> iterator() {
                return java.util.stream.Stream.concat(a.stream(), b.stream().filter(x -> !a.contains(x))).iterator();
            }

            @Override
            public int size() {
                return a.size() + (int) b.stream().filter(x -> !a.contains(x)).count();
            }
        };
    }

    private void call(ModuleCall call, Set<String> known, String label, Problems problems) {
        if (call == null) {
            return;
        }
        for (Map.Entry<String, Object> a : call.args().entrySet()) {
            SourcePos pos = call.posOf(a.getKey());
            report(analyzer.analyzeValue(a.getValue(), pos), known, pos,
                    "argument '" + a.getKey() + "' of " + label, problems);
        }
    }

    private static void report(TemplateAnalysis analysis, Set<String> known, SourcePos pos, String where, Problems problems) {
        problems.addAll(analysis.problems());
        if (known == null) {
            return;
        }
        for (String name : new TreeSet<>(analysis.requiredVariables())) {
            if (!known.contains(name)) {
                problems.add(pos, "undefined variable '" + name + "' in " + where,
                        Suggest.closest(name, known).map(c -> "did you mean '" + c + "'?")
                                .orElse("declare it under the runbook's vars, pass it with -e, or define it in the inventory"));
            }
        }
    }

    private static void required(VarDecl decl, Inventory inventory, Map<String, Object> extraVars, Problems problems) {
        String name = decl.name();
        if (extraVars.containsKey(name)) {
            return;
        }
        if (inventory != null) {
            List<String> missing = inventory.hosts().values().stream()
                    .filter(h -> !h.vars().containsKey(name)).map(h -> h.name()).toList();
            boolean inAll = inventory.groups().containsKey("all") && inventory.groups().get("all").vars().containsKey(name);
            if (inAll || !inventory.hosts().isEmpty() && missing.isEmpty()) {
                return;
            }
            if (missing.size() < inventory.hosts().size()) {
                problems.add(decl.pos(), "required var '" + name + "' is not set for hosts " + String.join(", ", missing),
                        "pass it with -e " + name + "=... or set it for every host in the inventory");
                return;
            }
        }
        problems.add(decl.pos(), "required var '" + name + "' is not given",
                "pass it with -e " + name + "=..." + (inventory == null ? "" : " or set it in the inventory"));
    }
}
