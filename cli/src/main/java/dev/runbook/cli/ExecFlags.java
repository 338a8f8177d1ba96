package dev.runbook.cli;

import dev.runbook.engine.model.Durations;
import dev.runbook.engine.exec.MaxFail;
import dev.runbook.engine.exec.RunOptions;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;
import dev.runbook.engine.source.SourcePos;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options shared by {@code run} and {@code resume}: how to execute, not what. */
final class ExecFlags {

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "NAME=VALUE", description = "Set a variable (highest precedence); repeatable.")
    List<String> extraVars = new ArrayList<>();

    @Option(names = "--forks", defaultValue = "20", description = "At most this many hosts work at the same time (default ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--diff", description = "Show what changed in files.")
    boolean diff;

    @Option(names = "--yes", description = "Answer yes to every confirmation.")
    boolean yes;

    @Option(names = "--json", description = "Write every event as one JSON line on stdout (no human output).")
    boolean json;

    @Option(names = "--max-fail", paramLabel = "COUNT|PERCENT", description = "Abort once more hosts than this failed (3 or 25%%).")
    String maxFail;

    @Option(names = "--no-undo", description = "Do not run the undo chain when the run fails.")
    boolean noUndo;

    @Option(names = "--undo-on-interrupt", description = "Also run the undo chain after Ctrl-C.")
    boolean undoOnInterrupt;

    @Option(names = "--grace", defaultValue = "30s", paramLabel = "DURATION",
            description = "After Ctrl-C, how long running commands may finish before they are killed (default ${DEFAULT-VALUE}).")
    String grace;

    @Option(names = "--accept-new-host-keys", description = "Trust and record host keys not yet in known_hosts (changed keys are still refused).")
    boolean acceptNewHostKeys;

    @Option(names = "--break-lock", description = "Take over the cluster lock if its holder is stale (no heartbeat for 2 minutes); a live lock is never broken.")
    boolean breakLock;

    @Option(names = "--record-dir", paramLabel = "DIR",
            description = "Directory of run records (default: .runbook/runs in the runbook's git work tree, or beside the runbook; env RUNBOOK_RECORD_DIR).")
    Path recordDir;

    RunOptions options(String runId, boolean check) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        MaxFail max = null;
        if (maxFail != null) {
            try {
                max = MaxFail.parse(maxFail);
            } catch (IllegalArgumentException e) {
                problems.add(Problem.at(SourcePos.of("--max-fail"), e.getMessage()));
            }
        }
        Duration g = Durations.parse(grace).orElse(null);
        if (g == null) {
            problems.add(Problem.at(SourcePos.of("--grace"), "not a duration: '" + grace + "'", "write it like 30s, 2m or 1h30m"));
        }
        if (forks < 1) {
            problems.add(Problem.at(SourcePos.of("--forks"), "must be at least 1, got " + forks));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new RunOptions(runId, forks, check, diff, max, !noUndo, g, undoOnInterrupt);
    }

    /** The {@code -e} values; a malformed one is reported without its value (it may be a secret). */
    /** {@code -e NAME=VALUE} (a YAML scalar) and {@code -e @vars.yml}, parsed and located as validate does. */
    Map<String, Object> extraVars(dev.runbook.engine.module.ModuleRegistry modules) throws InvalidInputException {
        return new dev.runbook.engine.load.Workspace(modules).extraVars(extraVars);
    }
}
