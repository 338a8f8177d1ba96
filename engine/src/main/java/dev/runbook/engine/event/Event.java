package dev.runbook.engine.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Something that happened during a run. Every event carries the run id and when it happened.
 * The JSON form (see {@link EventJson}) is one object per line with a {@code type} discriminator
 * and snake_case field names; those names are a stable interface for tools and the run record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Event.RunStarted.class, name = "run_started"),
        @JsonSubTypes.Type(value = Event.StepStarted.class, name = "step_started"),
        @JsonSubTypes.Type(value = Event.HostStarted.class, name = "host_started"),
        @JsonSubTypes.Type(value = Event.Progress.class, name = "progress"),
        @JsonSubTypes.Type(value = Event.HostFinished.class, name = "host_finished"),
        @JsonSubTypes.Type(value = Event.StepFinished.class, name = "step_finished"),
        @JsonSubTypes.Type(value = Event.UndoStarted.class, name = "undo_started"),
        @JsonSubTypes.Type(value = Event.UndoHostFinished.class, name = "undo_host_finished"),
        @JsonSubTypes.Type(value = Event.UndoFinished.class, name = "undo_finished"),
        @JsonSubTypes.Type(value = Event.Interrupted.class, name = "interrupted"),
        @JsonSubTypes.Type(value = Event.Warning.class, name = "warning"),
        @JsonSubTypes.Type(value = Event.RunFinished.class, name = "run_finished"),
})
public sealed interface Event {

    String runId();

    Instant at();

    /**
     * @param hosts every host of the plan, in inventory order
     * @param steps step ids in plan order
     */
    record RunStarted(String runId, Instant at, String runbook, String inventory, List<String> hosts,
                      List<String> steps, boolean checkMode, boolean diffMode) implements Event {
    }

    record StepStarted(String runId, Instant at, String step, String title, int index, List<String> hosts)
            implements Event {
    }

    record HostStarted(String runId, Instant at, String step, String host) implements Event {
    }

    /** A module's report during a long wait. */
    record Progress(String runId, Instant at, String step, String host, String message) implements Event {
    }

    /**
     * The outcome of one step on one host.
     *
     * @param status      ok, changed, failed, skipped or unreachable
     * @param ignored     failed, but the step has {@code ignore_errors}
     * @param blocking    this result stops the host's dependent steps (failed or unreachable without
     *                    ignore_errors, or skipped because a needed step failed); resume runs these again
     * @param diff        the module's diff (only with {@code --diff}), or null
     * @param stderrTail  last lines of the command's stderr for failures, or null
     * @param registered  what {@code register} stored (the standard fields and the module's data), or null
     * @param replayed    taken from a previous run's results (resume), not run again
     */
    record HostFinished(String runId, Instant at, String step, String host, String status, String message,
                        long durationMs, boolean changed, boolean ignored, boolean blocking, String diff, String stderrTail,
                        Map<String, Object> registered, boolean replayed) implements Event {
    }

    /** @param counts hosts per status (ok, changed, failed, skipped, unreachable) */
    record StepFinished(String runId, Instant at, String step, Map<String, Integer> counts, long durationMs)
            implements Event {
    }

    /** @param pending how many step × host undos will run, in this order */
    record UndoStarted(String runId, Instant at, String reason, List<String> pending) implements Event {
    }

    /**
     * @param data the undo module's outcome data (without facts), or null; e.g. {@code maintenance_window}
     *             when an undo put a load balancer back to serving
     */
    record UndoHostFinished(String runId, Instant at, String step, String host, String status, String message,
                            long durationMs, String stderrTail, Map<String, Object> data) implements Event {
    }

    /** @param complete every undo succeeded */
    record UndoFinished(String runId, Instant at, boolean complete, int succeeded, int failed) implements Event {
    }

    /** @param forced the second interrupt: running commands are being killed */
    record Interrupted(String runId, Instant at, boolean forced, String message) implements Event {
    }

    record Warning(String runId, Instant at, String step, String host, String message) implements Event {
    }

    /**
     * @param status   ok, failed, interrupted or aborted (max-fail reached)
     * @param rollback none (nothing to undo or run ok), complete, incomplete, or disabled ({@code --no-undo})
     * @param recap    per host: counts per status
     */
    record RunFinished(String runId, Instant at, String status, String rollback, String message,
                       Map<String, Map<String, Integer>> recap, long durationMs) implements Event {
    }
}
