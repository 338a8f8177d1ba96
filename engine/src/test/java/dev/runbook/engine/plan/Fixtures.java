package dev.runbook.engine.plan;

import dev.runbook.engine.inventory.Group;
import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.inventory.InventorySettings;
import dev.runbook.engine.model.ModuleCall;
import dev.runbook.engine.model.Runbook;
import dev.runbook.engine.model.Serial;
import dev.runbook.engine.model.Step;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.template.TemplateEngine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-built runbooks and inventories for planner and renderer tests. */
final class Fixtures {

    private Fixtures() {
    }

    static Step step(String id, String hosts, String... needs) {
        return new Step(id, null, call("command", Map.of("cmd", "echo " + id)), hosts, List.of(needs), null, null, 0,
                null, null, null, null, false, false, Set.of(), null, null, Map.of(),
                new SourcePos("rb.yml", 1, 3));
    }

    static ModuleCall call(String module, Map<String, Object> args) {
        return new ModuleCall(module, new LinkedHashMap<>(args), new SourcePos("rb.yml", 2, 5), Map.of());
    }

    static Step at(Step s, int line) {
        return new Step(s.id(), s.name(), s.call(), s.hosts(), s.needs(), s.when(), s.register(), s.retries(), s.until(),
                s.delay(), s.timeout(), s.serial(), s.runOnce(), s.ignoreErrors(), s.tags(), s.become(), s.undo(),
                s.vars(), new SourcePos("rb.yml", line, 5));
    }

    static Step serial(Step s, Serial serial) {
        return new Step(s.id(), s.name(), s.call(), s.hosts(), s.needs(), s.when(), s.register(), s.retries(), s.until(),
                s.delay(), s.timeout(), serial, s.runOnce(), s.ignoreErrors(), s.tags(), s.become(), s.undo(),
                s.vars(), s.pos());
    }

    static Step runOnce(Step s) {
        return new Step(s.id(), s.name(), s.call(), s.hosts(), s.needs(), s.when(), s.register(), s.retries(), s.until(),
                s.delay(), s.timeout(), s.serial(), true, s.ignoreErrors(), s.tags(), s.become(), s.undo(),
                s.vars(), s.pos());
    }

    static Step tags(Step s, String... tags) {
        return new Step(s.id(), s.name(), s.call(), s.hosts(), s.needs(), s.when(), s.register(), s.retries(), s.until(),
                s.delay(), s.timeout(), s.serial(), s.runOnce(), s.ignoreErrors(), Set.of(tags), s.become(), s.undo(),
                s.vars(), s.pos());
    }

    static Step named(Step s, String name, ModuleCall call, ModuleCall undo, Duration timeout, int retries) {
        return new Step(s.id(), name, call, s.hosts(), s.needs(), s.when(), s.register(), retries, s.until(),
                s.delay(), timeout, s.serial(), s.runOnce(), s.ignoreErrors(), s.tags(), s.become(), undo,
                s.vars(), s.pos());
    }

    static Runbook runbook(Step... steps) {
        return new Runbook("demo", "a demo", Path.of("rb.yml"), Map.of(), List.of(steps), List.of(Path.of("rb.yml")));
    }

    /** lb1; app1..app3; db1; groups app, lb, db, cluster = app + lb. */
    static Inventory inventory() {
        return inventory("lb1", "app1", "app2", "app3", "db1");
    }

    static Inventory inventory(String... hostNames) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (String h : hostNames) {
            hosts.put(h, new Host(h, "127.0.0.1", 22, "deploy", null, Host.Connection.SSH, null, Map.of(),
                    SourcePos.UNKNOWN));
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        groups.put("all", new Group("all", List.of(hostNames), List.of(), Map.of("lb_group", "lb"), SourcePos.UNKNOWN));
        Map<String, List<String>> byPrefix = new LinkedHashMap<>();
        for (String h : hostNames) {
            byPrefix.computeIfAbsent(h.replaceAll("[0-9]+$", ""), k -> new ArrayList<>()).add(h);
        }
        byPrefix.forEach((g, members) -> groups.put(g, new Group(g, members, List.of(), Map.of(), SourcePos.UNKNOWN)));
        if (groups.containsKey("app") && groups.containsKey("lb")) {
            groups.put("cluster", new Group("cluster", List.of(), List.of("app", "lb"), Map.of(), SourcePos.UNKNOWN));
        }
        return new Inventory("test", Path.of("inv.yml"), hosts, groups, InventorySettings.DEFAULTS);
    }

    /** The real pattern language (lang's HostPatterns). */
    static final HostResolver RESOLVER = dev.runbook.engine.inventory.HostPatterns::resolve;

    /** The real template engine (strict: an undefined name is an error). */
    static final TemplateEngine TEMPLATES = new dev.runbook.engine.template.PebbleTemplateEngine(
            new dev.runbook.engine.secret.Secrets());

    static Planner planner() {
        return new Planner(RESOLVER, TEMPLATES);
    }

    static List<String> ids(Plan plan) {
        return plan.steps().stream().map(p -> p.step().id()).toList();
    }

    static List<String> list(String... s) {
        return Arrays.asList(s);
    }
}
