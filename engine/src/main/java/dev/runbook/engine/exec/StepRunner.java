package dev.runbook.engine.exec;

import dev.runbook.engine.event.Event;
import dev.runbook.engine.model.Step;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.plan.PlannedStep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one step: decides per host whether its needs allow it, replays prior results, then runs the
 * batches one after another, each batch's hosts in parallel within the global fork limit.
 */
final class StepRunner {

    private final Run run;
    private final HostCall calls;

    StepRunner(Run run) {
        this.run = run;
        this.calls = new HostCall(run);
    }

    void run(PlannedStep ps) throws InterruptedException {
        Step step = ps.step();
        long start = System.nanoTime();
        run.emit(new Event.StepStarted(run.options.runId(), run.now(), step.id(), step.title(), ps.index(), ps.hosts()));
        Map<String, String> blockedBy = blockedHosts(ps);
        Map<String, Integer> counts = Run.newCounts();
        List<List<String>> batches = ps.batches();
        for (int b = 0; b < batches.size(); b++) {
            if (run.stopLaunching()) {
                break;
            }
            List<Future<?>> launched = new ArrayList<>();
            List<String> batchFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (String host : batches.get(b)) {
                if (blockedBy.containsKey(host)) {
                    finish(ps, host, Outcome.skipped(blockedBy.get(host)), 0, true, false, counts, batchFailures);
                    continue;
                }
                Optional<PriorResults.Prior> prior = run.prior.find(step.id(), host);
                if (prior.isPresent()) {
                    PriorResults.Prior p = prior.get();
                    finish(ps, host, Results.fromRecorded(p.status(), p.message(), p.result()), 0, false, true, counts, batchFailures);
                    continue;
                }
                if (!acquireFork()) {
                    break;
                }
                run.emit(new Event.HostStarted(run.options.runId(), run.now(), step.id(), host));
                try {
                    launched.add(run.workers.submit(() -> {
                        try {
                            HostCall.Result r = calls.step(step, host);
                            finish(ps, host, r.outcome(), r.millis(), false, false, counts, batchFailures);
                        } finally {
                            run.forks.release();
                        }
                    }));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    run.forks.release();
                    throw new IllegalStateException("the run's worker pool was shut down while step " + step.id() + " was starting", e);
                }
            }
            for (Future<?> f : launched) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    run.warn(step.id(), null, "internal error while finishing step " + step.id() + ": " + e.getCause());
                }
            }
            if (!batchFailures.isEmpty() && b + 1 < batches.size()) {
                // Rolling update: a failed batch stops the roll; later batches keep their old state.
                String reason = "not run: an earlier batch failed on " + String.join(", ", batchFailures);
                for (List<String> rest : batches.subList(b + 1, batches.size())) {
                    for (String host : rest) {
                        finish(ps, host, Outcome.skipped(reason), 0, true, false, counts, batchFailures);
                    }
                }
                break;
            }
        }
        run.emit(new Event.StepFinished(run.options.runId(), run.now(), step.id(), Map.copyOf(counts),
                (System.nanoTime() - start) / 1_000_000));
    }

    private void finish(PlannedStep ps, String host, Outcome o, long millis, boolean blocking, boolean replayed,
                        Map<String, Integer> counts, List<String> batchFailures) {
        run.finishHost(ps, host, o, millis, blocking, replayed);
        synchronized (counts) {
            counts.merge(o.status(), 1, Integer::sum);
        }
        if (o.isFailure() && !(o instanceof Outcome.Failed && ps.step().ignoreErrors())) {
            batchFailures.add(host);
        }
    }

    /** Waits for a fork slot; false when the run stopped launching meanwhile. */
    private boolean acquireFork() throws InterruptedException {
        while (!run.stopLaunching()) {
            if (run.forks.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (run.stopLaunching()) {
                    run.forks.release();
                    return false;
                }
                return true;
            }
        }
        return false;
    }

    /** Hosts on which a needed step failed (or was skipped for a failure): why they are skipped. */
    private Map<String, String> blockedHosts(PlannedStep ps) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String need : ps.step().needs()) {
            if (!run.plan.steps().stream().anyMatch(s -> s.step().id().equals(need))) {
                continue; // filtered out by --tags: nothing to wait for
            }
            boolean everywhere = run.blockedEverywhere(need);
            for (String host : ps.hosts()) {
                if (reasons.containsKey(host)) {
                    continue;
                }
                Run.State st = run.state(need, host);
                if (st == Run.State.BLOCKED) {
                    reasons.put(host, "skipped: needed step '" + need + "' failed on this host");
                } else if (st == null && everywhere) {
                    reasons.put(host, "skipped: needed step '" + need + "' failed on every host");
                }
            }
        }
        return reasons;
    }
}
