package dev.runbook.engine.exec;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.model.Step;
import dev.runbook.engine.model.VarDecl;
import dev.runbook.engine.plan.Plan;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.template.TemplateEngine;
import dev.runbook.engine.template.TemplateException;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The variables of a run. Static layers come from the plan; the only state that changes during the
 * run is each host's registered results and facts, kept in concurrent maps (a host's steps write
 * only their own host's map, except run_once which writes for all of its step's hosts).
 *
 * <p>Precedence, low to high: runbook var defaults, inventory vars (all, groups, host — already
 * merged on {@link Host#vars()}), step vars (including include vars), registered results and
 * facts, extra vars. Values that are templates themselves are rendered against the merged vars.
 */
final class VarStore {

    private final Plan plan;
    private final TemplateEngine templates;
    private final Map<String, Object> run;
    private final Map<String, List<String>> groups;
    private final Map<String, Map<String, Object>> runtime = new ConcurrentHashMap<>();

    VarStore(Plan plan, TemplateEngine templates, String runId, Instant started) {
        this.plan = plan;
        this.templates = templates;
        this.run = Map.of("id", runId, "started", started.toString());
        Map<String, List<String>> g = new LinkedHashMap<>();
        Inventory inv = plan.inventory();
        inv.groups().keySet().forEach(name -> g.put(name, inv.members(name)));
        g.putIfAbsent("all", List.copyOf(inv.hosts().keySet()));
        this.groups = Collections.unmodifiableMap(g);
        inv.hosts().keySet().forEach(h -> runtime.put(h, new ConcurrentHashMap<>()));
    }

    void register(String host, String name, Map<String, Object> result) {
        runtime.get(host).put(name, result);
    }

    void mergeFacts(String host, Map<?, ?> facts) {
        Map<String, Object> target = runtime.get(host);
        facts.forEach((k, v) -> {
            if (v != null) {
                target.put(String.valueOf(k), v);
            }
        });
    }

    /** The template context of a step on a host. */
    Map<String, Object> context(Step step, String hostName) throws TemplateException {
        Host host = plan.inventory().host(hostName);
        Map<String, Object> vars = new LinkedHashMap<>();
        for (VarDecl d : plan.runbook().vars().values()) {
            if (d.defaultValue() != null) {
                vars.put(d.name(), d.defaultValue());
            }
        }
        vars.putAll(host.vars());
        vars.putAll(step.vars());
        // Only values written in the runbook or inventory are templates. Registered output and -e
        // values are data: rendering them would let a command's stdout inject template code.
        java.util.Set<String> written = new java.util.HashSet<>(vars.keySet());
        vars.putAll(runtime.get(hostName));
        vars.putAll(plan.extraVars());
        written.removeAll(runtime.get(hostName).keySet());
        written.removeAll(plan.extraVars().keySet());
        vars.put("inventory_hostname", hostName);
        vars.put("host", hostName);
        vars.put("groups", groups);
        vars.put("group_names", plan.inventory().groupsOf(hostName));
        vars.put("hostvars", new HostVarsView());
        vars.put("run", run);
        written.removeAll(List.of("inventory_hostname", "host", "groups", "group_names", "hostvars", "run"));
        renderNested(vars, written, step.pos());
        return Collections.unmodifiableMap(vars);
    }

    /**
     * Variables whose values are templates ({@code node: "{{ groups.app[0] }}"}) are rendered
     * against the others; a few passes resolve chains of such variables.
     */
    private void renderNested(Map<String, Object> vars, java.util.Set<String> written, SourcePos where) throws TemplateException {
        for (int pass = 0; pass < 4; pass++) {
            boolean any = false;
            for (Map.Entry<String, Object> e : vars.entrySet()) {
                if (written.contains(e.getKey()) && e.getValue() instanceof String s && TemplateEngine.isTemplate(s)) {
                    Object rendered = templates.renderValue(s, vars, where);
                    if (!s.equals(rendered)) {
                        e.setValue(rendered);
                        any = true;
                    }
                }
            }
            if (!any) {
                return;
            }
        }
    }

    /**
     * {@code hostvars}: each host's inventory vars with its registered results and facts, built on
     * access so a run over many hosts does not copy every host's vars for every step.
     */
    private final class HostVarsView extends java.util.AbstractMap<String, Object> {
        @Override
        public Object get(Object key) {
            Host h = plan.inventory().hosts().get(String.valueOf(key));
            if (h == null) {
                return null;
            }
            Map<String, Object> v = new LinkedHashMap<>(h.vars());
            v.putAll(runtime.get(h.name()));
            v.put("inventory_hostname", h.name());
            return v;
        }

        @Override
        public boolean containsKey(Object key) {
            return plan.inventory().hosts().containsKey(String.valueOf(key));
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            java.util.Set<Entry<String, Object>> set = new java.util.LinkedHashSet<>();
            for (String h : plan.inventory().hosts().keySet()) {
                set.add(new java.util.AbstractMap.SimpleImmutableEntry<>(h, get(h)));
            }
            return set;
        }
    }
}
