package dev.runbook.engine.exec;

import java.time.Duration;
import java.util.Map;

/**
 * How a run ended.
 *
 * @param status          OK, FAILED, ABORTED (max-fail) or INTERRUPTED
 * @param rollback        what the undo chain did
 * @param onlyUnreachable every blocking failure was an unreachable host (exit code 3)
 * @param recap           per host: counts per status
 */
public record RunResult(String runId, Status status, Rollback rollback, boolean onlyUnreachable,
                        Map<String, Map<String, Integer>> recap, Duration took) {

    public enum Status { OK, FAILED, ABORTED, INTERRUPTED }

    public enum Rollback { NONE, COMPLETE, INCOMPLETE, DISABLED }

    /** The CLI's exit code: 0 ok, 1 a step failed (or aborted), 3 only unreachable hosts, 130 interrupted. */
    public int exitCode() {
        return switch (status) {
            case OK -> 0;
            case INTERRUPTED -> 130;
            case FAILED, ABORTED -> onlyUnreachable ? 3 : 1;
        };
    }
}
