package dev.runbook.engine.exec;

import dev.runbook.engine.event.Event;
import dev.runbook.engine.model.Step;
import dev.runbook.engine.plan.PlannedStep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The undo chain: the undo of every completed step (ok or changed) that declares one, on the hosts
 * where it completed, in reverse order of completion, one at a time. Best effort: a failed undo is
 * reported and the chain goes on.
 */
final class UndoRunner {

    private final Run run;
    private final HostCall calls;

    UndoRunner(Run run) {
        this.run = run;
        this.calls = new HostCall(run);
    }

    /** @return true when every undo succeeded (also when there was nothing to undo) */
    boolean undo(String reason) throws InterruptedException {
        List<Run.Completion> chain = new ArrayList<>();
        for (Run.Completion c : run.completions()) {
            if (stepOf(c.step()) != null && stepOf(c.step()).hasUndo()) {
                chain.add(c);
            }
        }
        Collections.reverse(chain);
        if (chain.isEmpty()) {
            return true;
        }
        run.emit(new Event.UndoStarted(run.options.runId(), run.now(), reason,
                chain.stream().map(c -> c.step() + "@" + c.host()).toList()));
        run.setUndoing(true);
        int ok = 0;
        int failed = 0;
        try {
            for (Run.Completion c : chain) {
                if (run.undoStopRequested()) {
                    failed += 1;
                    run.emit(new Event.UndoHostFinished(run.options.runId(), run.now(), c.step(), c.host(), "skipped",
                            "not undone: rollback interrupted", 0, null, null));
                    continue;
                }
                Step step = stepOf(c.step());
                Future<HostCall.Result> f = run.workers.submit(() -> calls.undo(step, c.host()));
                HostCall.Result r;
                try {
                    r = f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("undo of " + c.step() + " on " + c.host() + " crashed", e.getCause());
                }
                boolean success = !r.outcome().isFailure();
                if (success) {
                    ok++;
                } else {
                    failed++;
                }
                run.emit(new Event.UndoHostFinished(run.options.runId(), run.now(), c.step(), c.host(), r.outcome().status(),
                        r.outcome().message(), r.millis(), Results.stderrTail(r.outcome(), 10),
                        Results.registered(r.outcome())));
            }
        } finally {
            run.setUndoing(false);
        }
        run.emit(new Event.UndoFinished(run.options.runId(), run.now(), failed == 0, ok, failed));
        return failed == 0;
    }

    private Step stepOf(String id) {
        return run.plan.steps().stream().map(PlannedStep::step).filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }
}
