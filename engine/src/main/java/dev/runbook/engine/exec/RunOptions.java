package dev.runbook.engine.exec;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run a plan.
 *
 * @param runId           identifies the run in events and the run record
 * @param forks           at most this many step × host tasks run at the same time (across all steps)
 * @param checkMode       {@code --check}
 * @param diffMode        {@code --diff}
 * @param maxFail         abort limit, or null for none
 * @param undo            run the undo chain when the run fails ({@code --no-undo} turns it off)
 * @param grace           after the first interrupt, how long running commands may still finish
 * @param undoOnInterrupt also run the undo chain after an interrupt (off: the operator decides, and may resume)
 */
public record RunOptions(String runId, int forks, boolean checkMode, boolean diffMode, MaxFail maxFail,
                         boolean undo, Duration grace, boolean undoOnInterrupt) {

    public static final int DEFAULT_FORKS = 20;
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

    public RunOptions {
        Objects.requireNonNull(runId, "runId");
        if (forks < 1) {
            throw new IllegalArgumentException("--forks must be at least 1, got " + forks);
        }
        grace = grace == null ? DEFAULT_GRACE : grace;
    }

    public static RunOptions defaults(String runId) {
        return new RunOptions(runId, DEFAULT_FORKS, false, false, null, true, DEFAULT_GRACE, false);
    }

    public RunOptions withForks(int n) {
        return new RunOptions(runId, n, checkMode, diffMode, maxFail, undo, grace, undoOnInterrupt);
    }

    public RunOptions withCheckMode(boolean b) {
        return new RunOptions(runId, forks, b, diffMode, maxFail, undo, grace, undoOnInterrupt);
    }

    public RunOptions withDiffMode(boolean b) {
        return new RunOptions(runId, forks, checkMode, b, maxFail, undo, grace, undoOnInterrupt);
    }

    public RunOptions withMaxFail(MaxFail m) {
        return new RunOptions(runId, forks, checkMode, diffMode, m, undo, grace, undoOnInterrupt);
    }

    public RunOptions withUndo(boolean b) {
        return new RunOptions(runId, forks, checkMode, diffMode, maxFail, b, grace, undoOnInterrupt);
    }

    public RunOptions withGrace(Duration d) {
        return new RunOptions(runId, forks, checkMode, diffMode, maxFail, undo, d, undoOnInterrupt);
    }

    public RunOptions withUndoOnInterrupt(boolean b) {
        return new RunOptions(runId, forks, checkMode, diffMode, maxFail, undo, grace, b);
    }
}
