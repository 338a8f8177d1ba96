package dev.runbook.engine.plan;

import dev.runbook.engine.model.Step;

import java.util.List;

/**
 * A step placed in the plan.
 *
 * @param index   1-based position in dependency order (what {@code plan} prints)
 * @param hosts   inventory host names it runs on, in inventory order (after {@code --limit})
 * @param batches the hosts split into rolling batches ({@code serial}); one batch when not serial;
 *                a single one-host batch with {@code run_once}
 * @param wave    steps with the same wave have all their needs met together and may run in parallel
 */
public record PlannedStep(int index, Step step, List<String> hosts, List<List<String>> batches, int wave) {

    public PlannedStep {
        hosts = List.copyOf(hosts);
        batches = batches.stream().map(List::copyOf).toList();
    }
}
