package dev.runbook.engine.plan;

import dev.runbook.engine.inventory.Group;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.model.Runbook;
import dev.runbook.engine.model.Step;
import dev.runbook.engine.model.VarDecl;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.template.TemplateEngine;
import dev.runbook.engine.template.TemplateException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a validated runbook and an inventory into a {@link Plan}: steps in dependency order, the
 * parallel wave of each, the hosts each runs on and its rolling batches.
 *
 * <p>Tag selection drops steps from the plan, but a dropped step's own needs are passed on to the
 * steps that need it, so the order between the remaining steps is kept. A planned step's
 * {@link Step#needs()} therefore lists planned steps only; the runbook keeps the needs as written.
 *
 * <p>A host pattern may contain {@code {{ }}} over the runbook's variable defaults, the {@code all}
 * group's vars, the extra vars and {@code groups}; per-host variables are not known at planning time.
 */
public final class Planner {

    private final HostResolver resolver;
    private final TemplateEngine templates;

    public Planner(HostResolver resolver, TemplateEngine templates) {
        this.resolver = java.util.Objects.requireNonNull(resolver, "resolver");
        this.templates = java.util.Objects.requireNonNull(templates, "templates");
    }

    public Plan plan(Runbook runbook, Inventory inventory, Map<String, Object> extraVars, PlanOptions options)
            throws InvalidInputException {
        List<Step> all = runbook.steps();
        List<Integer> fullOrder = new TaskGraph(all).order();
        checkTags(runbook, options);

        Map<String, Step> byId = new HashMap<>();
        all.forEach(s -> byId.putIfAbsent(s.id(), s));
        Set<String> selected = new HashSet<>();
        for (Step s : all) {
            if (options.selects(s.tags())) {
                selected.add(s.id());
            }
        }
        // Needs seen through dropped steps, computed in dependency order so each need is ready when used.
        Map<String, Set<String>> effective = new HashMap<>();
        for (int i : fullOrder) {
            Step s = all.get(i);
            Set<String> needs = new LinkedHashSet<>();
            for (String need : s.needs()) {
                if (selected.contains(need)) {
                    needs.add(need);
                } else {
                    needs.addAll(effective.get(need));
                }
            }
            effective.put(s.id(), needs);
        }
        List<Step> kept = new ArrayList<>();
        for (Step s : all) {
            if (selected.contains(s.id())) {
                kept.add(withNeeds(s, List.copyOf(effective.get(s.id()))));
            }
        }
        List<Integer> order = new TaskGraph(kept).order();

        Set<String> limitHosts = options.limit() == null ? null
                : new HashSet<>(resolveLimit(inventory, options.limit()));
        Map<String, Object> patternVars = patternVars(runbook, inventory, extraVars);
        Map<String, List<String>> resolved = new HashMap<>();
        Map<String, Integer> waves = new HashMap<>();
        List<PlannedStep> planned = new ArrayList<>(kept.size());
        List<Problem> problems = new ArrayList<>();
        for (int i : order) {
            Step s = kept.get(i);
            int wave = 1;
            for (String need : s.needs()) {
                wave = Math.max(wave, waves.get(need) + 1);
            }
            waves.put(s.id(), wave);
            List<String> hosts;
            try {
                hosts = hosts(s, inventory, patternVars, limitHosts, resolved);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
                continue;
            }
            planned.add(new PlannedStep(planned.size() + 1, s, hosts, batches(s, hosts), wave));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Plan(runbook, inventory, extraVars, planned);
    }

    private List<String> resolveLimit(Inventory inventory, String limit) throws InvalidInputException {
        SourcePos where = SourcePos.of("--limit");
        List<String> hosts = resolver.resolve(inventory, limit, where);
        if (hosts.isEmpty()) {
            throw new InvalidInputException(Problem.at(where, "'" + limit + "' matches no host of inventory "
                    + inventory.name(), "use a host, a group or a pattern such as app:!app1"));
        }
        return hosts;
    }

    private List<String> hosts(Step s, Inventory inventory, Map<String, Object> vars, Set<String> limit,
                               Map<String, List<String>> cache) throws InvalidInputException {
        String pattern = s.hosts();
        if (pattern == null || pattern.isBlank()) {
            throw new InvalidInputException(Problem.at(s.pos(), "step '" + s.id() + "' has no hosts",
                    "add hosts: with a host, group or pattern"));
        }
        if (TemplateEngine.isTemplate(pattern)) {
            try {
                pattern = templates.render(pattern, vars, s.pos()).trim();
            } catch (TemplateException e) {
                throw new InvalidInputException(Problem.at(e.pos(), "hosts of step '" + s.id() + "': " + e.reason(),
                        "host patterns may use runbook vars, extra vars (-e), all-group vars and groups"));
            }
        }
        List<String> hosts = cache.get(pattern);
        if (hosts == null) {
            hosts = resolver.resolve(inventory, pattern, s.pos());
            cache.put(pattern, hosts);
        }
        if (limit == null) {
            return hosts;
        }
        return hosts.stream().filter(limit::contains).toList();
    }

    static List<List<String>> batches(Step s, List<String> hosts) {
        if (hosts.isEmpty()) {
            return List.of();
        }
        if (s.runOnce()) {
            return List.of(List.of(hosts.get(0)));
        }
        if (s.serial() == null) {
            return List.of(hosts);
        }
        int size = Math.max(1, s.serial().batchSize(hosts.size()));
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < hosts.size(); from += size) {
            batches.add(hosts.subList(from, Math.min(hosts.size(), from + size)));
        }
        return batches;
    }

    /** A tag on the command line that no step carries is almost always a typo: say so rather than plan nothing. */
    private static void checkTags(Runbook runbook, PlanOptions options) throws InvalidInputException {
        Set<String> known = new TreeSet<>();
        runbook.steps().forEach(s -> known.addAll(s.tags()));
        List<Problem> problems = new ArrayList<>();
        check("--tags", options.tags(), known, problems);
        check("--skip-tags", options.skipTags(), known, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static void check(String option, Set<String> given, Set<String> known, List<Problem> problems) {
        for (String tag : new TreeSet<>(given)) {
            if (!known.contains(tag) && !tag.equals("all") && !tag.equals(PlanOptions.ALWAYS)) {
                problems.add(Problem.at(SourcePos.of(option), "no step has the tag '" + tag + "'",
                        known.isEmpty() ? "this runbook has no tags" : "tags in this runbook: " + String.join(", ", known)));
            }
        }
    }

    private static Map<String, Object> patternVars(Runbook runbook, Inventory inventory, Map<String, Object> extra) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (VarDecl d : runbook.vars().values()) {
            if (d.defaultValue() != null) {
                vars.put(d.name(), d.defaultValue());
            }
        }
        Group all = inventory.groups().get("all");
        if (all != null) {
            vars.putAll(all.vars());
        }
        vars.putAll(extra);
        Map<String, Object> groups = new LinkedHashMap<>();
        groups.put("all", List.copyOf(inventory.hosts().keySet()));
        for (String g : inventory.groups().keySet()) {
            if (!g.equals("all")) {
                groups.put(g, inventory.members(g));
            }
        }
        vars.put("groups", groups);
        return vars;
    }

    private static Step withNeeds(Step s, List<String> needs) {
        if (needs.equals(s.needs())) {
            return s;
        }
        return new Step(s.id(), s.name(), s.call(), s.hosts(), needs, s.when(), s.register(), s.retries(), s.until(),
                s.delay(), s.timeout(), s.serial(), s.runOnce(), s.ignoreErrors(), s.tags(), s.become(), s.undo(),
                s.vars(), s.pos());
    }
}
