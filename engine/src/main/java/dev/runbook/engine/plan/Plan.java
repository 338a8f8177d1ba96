package dev.runbook.engine.plan;

import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.model.Runbook;

import java.util.List;
import java.util.Map;

/**
 * What a run will do: the validated runbook, the inventory, the variables given on the command line,
 * and every step placed in dependency order with its hosts and batches.
 */
public record Plan(Runbook runbook, Inventory inventory, Map<String, Object> extraVars, List<PlannedStep> steps) {

    public Plan {
        extraVars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extraVars));
        steps = List.copyOf(steps);
    }

    public PlannedStep step(String id) {
        return steps.stream().filter(s -> s.step().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step '" + id + "' in the plan"));
    }
}
