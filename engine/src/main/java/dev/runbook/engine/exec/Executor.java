package dev.runbook.engine.exec;

import dev.runbook.engine.event.Event;
import dev.runbook.engine.event.EventSink;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.module.Prompter;
import dev.runbook.engine.plan.Plan;
import dev.runbook.engine.plan.PlannedStep;
import dev.runbook.engine.template.TemplateEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs a {@link Plan}: a step starts as soon as every step it {@code needs} has finished (so
 * independent steps run concurrently); its hosts run in parallel, batch by batch, within the global
 * {@code forks} limit. On failure (with undo enabled and some undo declared) no new work starts and
 * the undo chain runs; see docs/running.md for the full semantics.
 *
 * <p>One executor runs one plan at a time; {@link #cancel()} may be called from any thread (the
 * CLI's SIGINT handler).
 */
public final class Executor {

    private final ModuleRegistry modules;
    private final TemplateEngine templates;
    private final TransportProvider transports;
    private final Prompter prompter;
    private final EventSink sink;
    private final UnaryOperator<Event> redaction;
    private final RunOptions options;
    private final Consumer<String> secretValues;
    private final AtomicReference<Run> current = new AtomicReference<>();
    private volatile boolean cancelBeforeStart;

    /**
     * @param redaction applied to every event before the sink sees it (e.g. {@code new EventRedaction(redactor::redact)})
     */
    public Executor(ModuleRegistry modules, TemplateEngine templates, TransportProvider transports, Prompter prompter,
                    EventSink sink, UnaryOperator<Event> redaction, RunOptions options) {
        this(modules, templates, transports, prompter, sink, redaction, options, value -> { });
    }

    /**
     * @param secretValues told the rendered value of every module argument declared secret, before the
     *                     module runs, so the run's redaction masks it from then on (e.g. {@code secrets::add})
     */
    public Executor(ModuleRegistry modules, TemplateEngine templates, TransportProvider transports, Prompter prompter,
                    EventSink sink, UnaryOperator<Event> redaction, RunOptions options, Consumer<String> secretValues) {
        this.secretValues = secretValues;
        this.modules = modules;
        this.templates = templates;
        this.transports = transports;
        this.prompter = serialized(prompter);
        this.sink = sink;
        this.redaction = redaction;
        this.options = options;
    }

    /** Concurrent hosts must not ask the operator two questions at once. */
    private static Prompter serialized(Prompter p) {
        Object lock = new Object();
        return question -> {
            synchronized (lock) {
                return p.confirm(question);
            }
        };
    }

    public RunResult run(Plan plan) {
        return run(plan, PriorResults.none());
    }

    /** Runs the plan, skipping the step × host results in {@code prior} (resume). */
    public RunResult run(Plan plan, PriorResults prior) {
        Run run = new Run(plan, options, modules, templates, transports, prompter, prior, sink, redaction, secretValues);
        if (!current.compareAndSet(null, run)) {
            throw new IllegalStateException("this executor is already running a plan");
        }
        try {
            if (cancelBeforeStart) {
                run.cancel();
            }
            return execute(run, plan, prior);
        } finally {
            run.shutdown();
            current.set(null);
            run.closeSink();
        }
    }

    /**
     * First call: no new steps, batches or retries start; running commands get the grace period to
     * finish, then are killed. A second call kills them at once. During the undo chain, the first
     * call stops the chain after the running undo.
     */
    public void cancel() {
        Run run = current.get();
        if (run == null) {
            cancelBeforeStart = true;
        } else {
            run.cancel();
        }
    }

    private RunResult execute(Run run, Plan plan, PriorResults prior) {
        long start = System.nanoTime();
        List<String> hosts = plan.inventory().hosts().keySet().stream()
                .filter(h -> plan.steps().stream().anyMatch(s -> s.hosts().contains(h))).toList();
        run.emit(new Event.RunStarted(options.runId(), run.started, plan.runbook().name(), plan.inventory().name(),
                hosts, plan.steps().stream().map(s -> s.step().id()).toList(), options.checkMode(), options.diffMode()));
        for (PriorResults.Prior p : prior.results()) {
            if (!p.blocking() && ("ok".equals(p.status()) || "changed".equals(p.status()))) {
                run.addPriorCompletion(p.step(), p.host());
            }
        }
        try {
            coordinate(run, plan);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel();
        }

        RunResult.Rollback rollback = RunResult.Rollback.NONE;
        boolean wantsUndo = (run.failed() || run.aborted()) && !run.interrupted()
                || run.interrupted() && options.undoOnInterrupt();
        if (wantsUndo) {
            boolean anyUndo = plan.steps().stream().anyMatch(s -> s.step().hasUndo());
            if (!options.undo()) {
                rollback = anyUndo ? RunResult.Rollback.DISABLED : RunResult.Rollback.NONE;
            } else if (anyUndo) {
                String reason = run.interrupted() ? "run interrupted" : run.aborted() ? "max-fail reached" : "a step failed";
                try {
                    boolean complete = new UndoRunner(run).undo(reason);
                    boolean ranAny = !run.completions().isEmpty();
                    rollback = complete ? (ranAny ? RunResult.Rollback.COMPLETE : RunResult.Rollback.NONE) : RunResult.Rollback.INCOMPLETE;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    rollback = RunResult.Rollback.INCOMPLETE;
                }
            }
        }

        RunResult.Status status = run.interrupted() ? RunResult.Status.INTERRUPTED
                : run.aborted() ? RunResult.Status.ABORTED
                : run.failed() ? RunResult.Status.FAILED : RunResult.Status.OK;
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        RunResult result = new RunResult(options.runId(), status, rollback, run.onlyUnreachable(), run.recap(), took);
        run.emit(new Event.RunFinished(options.runId(), run.now(), status.name().toLowerCase(java.util.Locale.ROOT),
                rollback.name().toLowerCase(java.util.Locale.ROOT), summary(status, rollback), result.recap(), took.toMillis()));
        return result;
    }

    static String summary(RunResult.Status status, RunResult.Rollback rollback) {
        String s = switch (status) {
            case OK -> "ok";
            case FAILED -> "failed";
            case ABORTED -> "aborted (max-fail)";
            case INTERRUPTED -> "interrupted";
        };
        return switch (rollback) {
            case NONE -> s;
            case COMPLETE -> s + ", rolled back";
            case INCOMPLETE -> s + ", rollback incomplete";
            case DISABLED -> s + ", not rolled back (--no-undo)";
        };
    }

    /** Launches each step once its needs have finished; returns when nothing runs and nothing more may start. */
    private void coordinate(Run run, Plan plan) throws InterruptedException {
        Set<String> ids = new HashSet<>();
        plan.steps().forEach(s -> ids.add(s.step().id()));
        List<PlannedStep> pending = new ArrayList<>(plan.steps());
        Set<String> finished = new HashSet<>();
        int[] running = {0};
        StepRunner runner = new StepRunner(run);
        Object lock = run.coordination();
        synchronized (lock) {
            while (true) {
                if (!run.stopLaunching()) {
                    for (Iterator<PlannedStep> it = pending.iterator(); it.hasNext(); ) {
                        PlannedStep ps = it.next();
                        boolean ready = ps.step().needs().stream().allMatch(n -> !ids.contains(n) || finished.contains(n));
                        if (!ready) {
                            continue;
                        }
                        it.remove();
                        running[0]++;
                        run.workers.submit(() -> {
                            try {
                                runner.run(ps);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } catch (RuntimeException e) {
                                run.warn(ps.step().id(), null, "internal error in step " + ps.step().id() + ": " + e);
                            } finally {
                                synchronized (lock) {
                                    finished.add(ps.step().id());
                                    running[0]--;
                                    lock.notifyAll();
                                }
                            }
                        });
                    }
                }
                if (running[0] == 0) {
                    if (!pending.isEmpty() && !run.stopLaunching()) {
                        // Only reachable with needs the planner should have rejected (a cycle).
                        run.warn(null, null, "steps never became ready (cyclic needs?): "
                                + pending.stream().map(p -> p.step().id()).toList());
                    }
                    return;
                }
                lock.wait();
            }
        }
    }
}
