package dev.runbook.engine.model;

import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.transport.Become;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One step of a runbook after includes are expanded.
 *
 * @param id           unique id (steps from an include are prefixed {@code include-id.step-id})
 * @param name         human title, or null (the id is shown)
 * @param call         the module call
 * @param hosts        host pattern the step runs on
 * @param needs        ids of steps that must finish first (the task graph's edges)
 * @param when         condition expression (without braces) evaluated per host, or null
 * @param register     variable name that stores the step's result per host, or null
 * @param retries      extra attempts while {@code until} is false or the step fails (0 = run once)
 * @param until        condition (without braces) that ends the retries, or null
 * @param delay        pause between attempts
 * @param timeout      per-host limit, or null
 * @param serial       rolling batches, or null for all hosts at once
 * @param runOnce      run on the first matched host only (its result is registered for all)
 * @param ignoreErrors a failure is reported but does not stop the host's dependent steps
 * @param tags         for {@code --tags} / {@code --skip-tags}
 * @param become       run via sudo, or null
 * @param undo         module calls run in order on the hosts where this step completed when a later step fails (empty: none)
 * @param vars         step-scoped variables (including those an include passed), raw
 * @param source       file the step comes from (the runbook or an included file)
 */
public record Step(String id, String name, ModuleCall call, String hosts, List<String> needs, String when,
                   String register, int retries, String until, Duration delay, Duration timeout, Serial serial,
                   boolean runOnce, boolean ignoreErrors, Set<String> tags, Become become, List<ModuleCall> undo,
                   Map<String, Object> vars, SourcePos pos) {

    public Step {
        needs = needs == null ? List.of() : List.copyOf(needs);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        undo = undo == null ? List.of() : List.copyOf(undo);
        vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        delay = delay == null ? Duration.ZERO : delay;
    }

    public boolean hasUndo() {
        return !undo.isEmpty();
    }

    public String title() {
        return name != null && !name.isBlank() ? name : id;
    }
}
