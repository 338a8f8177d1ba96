package dev.runbook.engine.exec;

import dev.runbook.engine.model.Durations;
import dev.runbook.engine.event.Event;
import dev.runbook.engine.event.EventSink;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.module.Prompter;
import dev.runbook.engine.plan.Plan;
import dev.runbook.engine.plan.PlannedStep;
import dev.runbook.engine.template.TemplateEngine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The state of one run: shared by the coordinator, step runners and host workers. Everything
 * mutable here is a concurrent structure or guarded by this object's monitor.
 */
final class Run {

    /** Why a running module call was interrupted. */
    enum Stop { NONE, TIMEOUT, FORCE }

    /** Whether a step × host result lets dependent steps run on that host. */
    enum State { DONE, BLOCKED }

    /** A step × host that completed (ok/changed): a candidate for undo. */
    record Completion(String step, String host) {
    }

    /** A module call in progress, interruptible by its timeout or by a forced cancel. */
    static final class Task {
        private Thread thread;
        private Stop stop = Stop.NONE;

        Task(Thread thread) {
            this.thread = thread;
        }

        synchronized void interrupt(Stop why) {
            if (thread != null && stop == Stop.NONE) {
                stop = why;
                thread.interrupt();
            }
        }

        synchronized Stop end() {
            thread = null;
            return stop;
        }
    }

    final Plan plan;
    final RunOptions options;
    final ModuleRegistry modules;
    final TemplateEngine templates;
    final HostTransports transports;
    final Prompter prompter;
    final VarStore vars;
    final PriorResults prior;
    final Instant started;
    final ScheduledExecutorService timer;
    final ExecutorService workers;
    final Semaphore forks;
    /** Where rendered values of secret module arguments are registered (the run's Secrets). */
    final java.util.function.Consumer<String> secretValues;

    private final EventSink sink;
    private final UnaryOperator<Event> redaction;
    private final boolean rollbackMode;
    private final Set<Task> running = ConcurrentHashMap.newKeySet();
    private final CountDownLatch cancelLatch = new CountDownLatch(1);
    private final Map<String, Map<String, State>> states = new ConcurrentHashMap<>();
    private final List<Completion> completions = new ArrayList<>();
    private final Map<String, Map<String, Integer>> recap = new LinkedHashMap<>();
    private final Set<String> failedHosts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger realFailures = new AtomicInteger();

    private volatile boolean stopLaunching;
    private volatile boolean failed;
    private volatile boolean aborted;
    private volatile boolean interrupted;
    private volatile boolean forced;
    private volatile boolean undoing;
    private volatile boolean undoStop;

    Run(Plan plan, RunOptions options, ModuleRegistry modules, TemplateEngine templates, TransportProvider provider,
        Prompter prompter, PriorResults prior, EventSink sink, UnaryOperator<Event> redaction,
        java.util.function.Consumer<String> secretValues) {
        this.plan = plan;
        this.secretValues = secretValues;
        this.options = options;
        this.modules = modules;
        this.templates = templates;
        this.transports = new HostTransports(provider);
        this.prompter = prompter;
        this.prior = prior;
        this.sink = sink;
        this.redaction = redaction;
        this.started = Instant.now();
        this.vars = new VarStore(plan, templates, options.runId(), started);
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("runbook-timer"));
        this.workers = Executors.newCachedThreadPool(daemon("runbook-worker"));
        this.forks = new Semaphore(options.forks(), true);
        this.rollbackMode = options.undo() && plan.steps().stream().anyMatch(s -> s.step().hasUndo());
        plan.steps().forEach(s -> states.put(s.step().id(), new ConcurrentHashMap<>()));
        plan.inventory().hosts().keySet().forEach(h -> {
            if (plan.steps().stream().anyMatch(s -> s.hosts().contains(h))) {
                recap.put(h, newCounts());
            }
        });
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static Map<String, Integer> newCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String s : List.of("ok", "changed", "failed", "skipped", "unreachable")) {
            m.put(s, 0);
        }
        return m;
    }

    // ---- events ------------------------------------------------------------------------------

    /** Events leave in one order, one at a time, and always redacted. */
    synchronized void emit(Event e) {
        sink.accept(redaction.apply(e));
    }

    Instant now() {
        return Instant.now();
    }

    void progress(String step, String host, String message) {
        emit(new Event.Progress(options.runId(), now(), step, host, message));
    }

    void warn(String step, String host, String message) {
        emit(new Event.Warning(options.runId(), now(), step, host, message));
    }

    void closeSink() {
        sink.close();
    }

    // ---- results -----------------------------------------------------------------------------

    /**
     * Records a step's outcome on a host: registered values and facts (for every host of a run_once
     * step), dependency state, undo candidates, recap, the event, and failure accounting.
     *
     * @param forcedBlocking a skip that must stop dependents (a need failed, an earlier batch failed)
     */
    void finishHost(PlannedStep ps, String host, Outcome outcome, long millis, boolean forcedBlocking, boolean replayed) {
        var step = ps.step();
        boolean failure = outcome.isFailure();
        boolean ignored = outcome instanceof Outcome.Failed && step.ignoreErrors();
        boolean blocking = forcedBlocking || failure && !ignored;
        Map<String, Object> registered = Results.registered(outcome);
        Object facts = outcome.data().get(dev.runbook.engine.module.Module.FACTS);
        List<String> targets = step.runOnce() ? ps.hosts() : List.of(host);
        for (String t : targets) {
            if (step.register() != null) {
                vars.register(t, step.register(), registered);
            }
            if (facts instanceof Map<?, ?> f && !failure) {
                vars.mergeFacts(t, f);
            }
            states.get(step.id()).put(t, blocking ? State.BLOCKED : State.DONE);
        }
        synchronized (this) {
            if (!replayed && (outcome instanceof Outcome.Ok || outcome instanceof Outcome.Changed)) {
                completions.add(new Completion(step.id(), host));
            }
            recap.computeIfAbsent(host, h -> newCounts()).merge(outcome.status(), 1, Integer::sum);
            String diff = options.diffMode() && outcome instanceof Outcome.Changed c ? c.diff() : null;
            emit(new Event.HostFinished(options.runId(), now(), step.id(), host, outcome.status(), outcome.message(),
                    millis, outcome instanceof Outcome.Changed, ignored && failure, blocking, diff,
                    Results.stderrTail(outcome, 10), Results.recorded(outcome), replayed));
        }
        if (failure && blocking) {
            hostFailed(host, outcome instanceof Outcome.Unreachable);
        }
    }

    private void hostFailed(String host, boolean unreachable) {
        if (interrupted) {
            return; // failures caused by the interrupt itself do not fail or abort the run
        }
        failedHosts.add(host);
        if (!unreachable) {
            realFailures.incrementAndGet();
        }
        failed = true;
        if (rollbackMode && !stopLaunching) {
            stopLaunching = true;
            warn(null, host, "a step failed on " + host + ": no new steps start; running ones finish, then the undo chain runs");
            wake();
        }
        MaxFail max = options.maxFail();
        int total = recap.size();
        if (max != null && !aborted && max.exceeded(failedHosts.size(), total)) {
            aborted = true;
            stopLaunching = true;
            warn(null, null, "max-fail " + max + " exceeded: " + failedHosts.size() + " of " + total
                    + " hosts failed; no new steps start");
            wake();
        }
    }

    State state(String step, String host) {
        Map<String, State> m = states.get(step);
        return m == null ? null : m.get(host);
    }

    /** True when the step ran on some hosts and was blocked on all of them. */
    boolean blockedEverywhere(String step) {
        Map<String, State> m = states.get(step);
        return m != null && !m.isEmpty() && !m.containsValue(State.DONE);
    }

    synchronized void addPriorCompletion(String step, String host) {
        completions.add(new Completion(step, host));
    }

    synchronized List<Completion> completions() {
        return List.copyOf(completions);
    }

    synchronized Map<String, Map<String, Integer>> recap() {
        Map<String, Map<String, Integer>> copy = new TreeMap<>();
        recap.forEach((h, c) -> copy.put(h, Map.copyOf(c)));
        return new LinkedHashMap<>(copy);
    }

    boolean failed() {
        return failed;
    }

    boolean aborted() {
        return aborted;
    }

    boolean onlyUnreachable() {
        return realFailures.get() == 0;
    }

    // ---- stopping ----------------------------------------------------------------------------

    boolean stopLaunching() {
        return stopLaunching;
    }

    /** What modules see as {@code ctx.cancelled()}: during the undo chain only an interrupt of the chain counts. */
    boolean cancelled() {
        return undoing ? undoStop : interrupted;
    }

    boolean interrupted() {
        return interrupted;
    }

    Task startTask(Thread t) {
        Task task = new Task(t);
        running.add(task);
        if (forced) {
            task.interrupt(Stop.FORCE);
        }
        return task;
    }

    Stop endTask(Task task) {
        Stop stop = task.end();
        running.remove(task);
        Thread.interrupted(); // clear a late interrupt before the pool thread is reused
        return stop;
    }

    /** Waits for the delay; true when the run was interrupted meanwhile. */
    boolean awaitCancel(Duration delay) throws InterruptedException {
        if (cancelled()) {
            return true;
        }
        return cancelLatch.await(delay.toMillis(), TimeUnit.MILLISECONDS) || cancelled();
    }

    synchronized void setUndoing(boolean b) {
        undoing = b;
        if (b) {
            // A forced stop of the forward run must not kill the undo commands that follow it.
            forced = false;
        }
    }

    boolean undoStopRequested() {
        return undoStop;
    }

    /** First call: stop launching, let running commands finish within the grace period. Second: kill them. */
    synchronized void cancel() {
        if (undoing) {
            if (!undoStop) {
                undoStop = true;
                emit(new Event.Interrupted(options.runId(), now(), false,
                        "interrupt during rollback: the running undo finishes, the remaining undos are not run"));
            } else {
                forceStop();
            }
            return;
        }
        if (!interrupted) {
            interrupted = true;
            stopLaunching = true;
            cancelLatch.countDown();
            emit(new Event.Interrupted(options.runId(), now(), false, "interrupted: no new steps start; running commands get "
                    + Durations.format(options.grace()) + " to finish (interrupt again to kill them)"));
            timer.schedule(this::graceExpired, options.grace().toMillis(), TimeUnit.MILLISECONDS);
            wake();
        } else {
            forceStop();
        }
    }

    /** The grace period ran out: kill what still runs (nothing to say when nothing does). */
    private synchronized void graceExpired() {
        if (!forced && (!running.isEmpty() || undoing)) {
            forceStop();
        }
        forced = forced || interrupted;
    }

    /**
     * Kills running commands. A command whose task is still being registered is killed as it
     * registers ({@link #startTask}), so a second Ctrl-C between "host started" and the command
     * starting is not lost.
     */
    private synchronized void forceStop() {
        if (forced) {
            return;
        }
        forced = true;
        emit(new Event.Interrupted(options.runId(), now(), true, "killing " + running.size() + " running command(s)"));
        running.forEach(t -> t.interrupt(Stop.FORCE));
    }

    // ---- coordination ------------------------------------------------------------------------

    private final Object coordination = new Object();

    Object coordination() {
        return coordination;
    }

    void wake() {
        synchronized (coordination) {
            coordination.notifyAll();
        }
    }

    void shutdown() {
        workers.shutdownNow();
        timer.shutdownNow();
        transports.close();
    }
}
