package dev.runbook.engine.exec;

import dev.runbook.engine.inventory.Group;
import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.inventory.InventorySettings;
import dev.runbook.engine.model.ModuleCall;
import dev.runbook.engine.model.Runbook;
import dev.runbook.engine.model.Serial;
import dev.runbook.engine.model.Step;
import dev.runbook.engine.plan.Plan;
import dev.runbook.engine.plan.PlannedStep;
import dev.runbook.engine.source.SourcePos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built plans over local hosts (what the planner would produce). */
final class PlanFixture {

    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<StepB> steps = new ArrayList<>();

    PlanFixture hosts(String... names) {
        for (String n : names) {
            hosts.put(n, new Host(n, "localhost", 0, System.getProperty("user.name"), null, Host.Connection.LOCAL, null,
                    Map.of("hv", "hostvar-" + n), SourcePos.of("inv.yml")));
        }
        return this;
    }

    StepB step(String id, String module, Map<String, Object> args) {
        StepB b = new StepB(id, new ModuleCall(module, args, new SourcePos("rb.yml", steps.size() + 1, 1), Map.of()));
        steps.add(b);
        return b;
    }

    Plan plan() {
        return plan(Map.of());
    }

    Plan plan(Map<String, Object> extra) {
        Map<String, Group> groups = new LinkedHashMap<>();
        groups.put("all", new Group("all", List.copyOf(hosts.keySet()), List.of(), Map.of(), SourcePos.UNKNOWN));
        Inventory inv = new Inventory("test", Path.of("inv.yml"), hosts, groups, InventorySettings.DEFAULTS);
        List<Step> built = steps.stream().map(StepB::build).toList();
        Runbook rb = new Runbook("test-runbook", "", Path.of("rb.yml"), Map.of(), built, List.of());
        List<PlannedStep> planned = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepB b = steps.get(i);
            List<String> on = b.hosts.isEmpty() ? List.copyOf(hosts.keySet()) : b.hosts;
            List<List<String>> batches = new ArrayList<>();
            if (b.runOnce) {
                batches.add(List.of(on.get(0)));
            } else if (b.serial != null) {
                int size = b.serial.batchSize(on.size());
                for (int j = 0; j < on.size(); j += size) {
                    batches.add(on.subList(j, Math.min(on.size(), j + size)));
                }
            } else {
                batches.add(on);
            }
            planned.add(new PlannedStep(i + 1, built.get(i), on, batches, 0));
        }
        return new Plan(rb, inv, extra, planned);
    }

    static final class StepB {
        final String id;
        final ModuleCall call;
        List<String> hosts = List.of();
        List<String> needs = List.of();
        String when;
        String register;
        int retries;
        String until;
        Duration delay = Duration.ZERO;
        Duration timeout;
        Serial serial;
        boolean runOnce;
        boolean ignoreErrors;
        ModuleCall undo;
        Map<String, Object> vars = Map.of();

        StepB(String id, ModuleCall call) {
            this.id = id;
            this.call = call;
        }

        StepB on(String... h) { hosts = List.of(h); return this; }
        StepB needs(String... n) { needs = List.of(n); return this; }
        StepB when(String w) { when = w; return this; }
        StepB register(String r) { register = r; return this; }
        StepB retries(int n, String until, Duration delay) { retries = n; this.until = until; this.delay = delay; return this; }
        StepB timeout(Duration d) { timeout = d; return this; }
        StepB serial(int n) { serial = Serial.count(n); return this; }
        StepB runOnce() { runOnce = true; return this; }
        StepB ignoreErrors() { ignoreErrors = true; return this; }
        StepB vars(Map<String, Object> v) { vars = v; return this; }
        StepB undo(String module, Map<String, Object> args) {
            undo = new ModuleCall(module, args, new SourcePos("rb.yml", 99, 1), Map.of());
            return this;
        }

        Step build() {
            return new Step(id, null, call, "all", needs, when, register, retries, until, delay, timeout, serial, runOnce,
                    ignoreErrors, java.util.Set.of(), null, undo, vars, call.pos());
        }
    }
}
