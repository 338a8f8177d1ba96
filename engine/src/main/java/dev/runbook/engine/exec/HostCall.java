package dev.runbook.engine.exec;

import dev.runbook.engine.model.Durations;
import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.local.LocalTransport;
import dev.runbook.engine.model.ModuleCall;
import dev.runbook.engine.model.Step;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.template.TemplateException;
import dev.runbook.engine.transport.Transport;
import dev.runbook.engine.transport.TransportException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one module call on one host in the calling worker thread: condition, argument rendering and
 * typing, retries/until, and the step timeout (enforced by interrupting this thread; transports
 * kill the command they are running when interrupted).
 */
final class HostCall {

    /** What happened and how long it took. */
    record Result(Outcome outcome, long millis) {
    }

    private final Run run;

    HostCall(Run run) {
        this.run = run;
    }

    /** A step on a host, with when / retries / until. */
    Result step(Step step, String host) {
        return guarded(step, host, () -> attempts(step, host));
    }

    /**
     * An undo on a host: its calls run in order, each templated with the host's vars at that moment
     * (registered values included); the first that does not succeed ends it.
     */
    Result undo(Step step, String host) {
        return guarded(step, host, () -> {
            Outcome last = null;
            boolean changed = false;
            java.util.List<String> messages = new java.util.ArrayList<>();
            for (ModuleCall call : step.undo()) {
                Map<String, Object> vars = run.vars.context(step, host);
                last = invoke(step, call, host, vars);
                if (last.isFailure()) {
                    String done = messages.isEmpty() ? "" : " (after: " + String.join("; ", messages) + ")";
                    return last instanceof Outcome.Failed f ? Outcome.failed(call.module() + ": " + f.message() + done, f.data()) : last;
                }
                changed |= last instanceof Outcome.Changed;
                messages.add(call.module() + ": " + last.message());
            }
            String message = String.join("; ", messages);
            return changed ? Outcome.changed(message, last.data(), null) : Outcome.ok(message, last.data());
        });
    }

    private interface Body {
        Outcome call() throws Exception;
    }

    private Result guarded(Step step, String host, Body body) {
        long start = System.nanoTime();
        Run.Task task = run.startTask(Thread.currentThread());
        ScheduledFuture<?> timer = step.timeout() == null ? null
                : run.timer.schedule(() -> task.interrupt(Run.Stop.TIMEOUT), step.timeout().toMillis(), TimeUnit.MILLISECONDS);
        Outcome outcome;
        try {
            outcome = body.call();
        } catch (InterruptedException e) {
            outcome = Outcome.failed("interrupted");
        } catch (TransportException e) {
            outcome = e.unreachable() ? new Outcome.Unreachable(e.getMessage()) : Outcome.failed(e.getMessage());
        } catch (TemplateException | ArgCoercer.ArgException e) {
            outcome = Outcome.failed(e.getMessage());
        } catch (Exception | LinkageError e) {
            // A module bug must not take the run down with it: report it on this host.
            outcome = Outcome.failed("module '" + step.call().module() + "' failed unexpectedly: " + e);
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
        }
        Run.Stop stop = run.endTask(task);
        if (stop == Run.Stop.TIMEOUT) {
            outcome = Outcome.failed("timed out after " + Durations.format(step.timeout()), outcome.data());
        } else if (stop == Run.Stop.FORCE) {
            outcome = Outcome.failed("interrupted: command killed", outcome.data());
        }
        return new Result(outcome, (System.nanoTime() - start) / 1_000_000);
    }

    private Outcome attempts(Step step, String host) throws Exception {
        Map<String, Object> vars = run.vars.context(step, host);
        if (step.when() != null && !run.templates.test(step.when(), vars, step.pos())) {
            return Outcome.skipped("condition false: " + step.when());
        }
        int attempt = 0;
        while (true) {
            attempt++;
            Outcome outcome = invoke(step, step.call(), host, vars);
            boolean done;
            if (outcome instanceof Outcome.Skipped || outcome instanceof Outcome.Unreachable) {
                return outcome;
            }
            if (step.until() != null) {
                Map<String, Object> withResult = new HashMap<>(vars);
                if (step.register() != null) {
                    withResult.put(step.register(), Results.registered(outcome));
                }
                done = run.templates.test(step.until(), withResult, step.pos());
                if (!done && attempt > step.retries()) {
                    return Outcome.failed("condition '" + step.until() + "' still false after " + attempt
                            + (attempt == 1 ? " attempt" : " attempts") + " (last: " + outcome.status()
                            + (outcome.message() == null || outcome.message().isBlank() ? "" : ", " + outcome.message()) + ")",
                            outcome.data());
                }
            } else {
                done = !outcome.isFailure() || attempt > step.retries();
            }
            if (done) {
                return outcome;
            }
            run.progress(step.id(), host, "attempt " + attempt + " of " + (step.retries() + 1) + " "
                    + (outcome.isFailure() ? "failed: " + outcome.message() : "did not meet '" + step.until() + "'")
                    + "; retrying in " + Durations.format(step.delay()));
            if (run.awaitCancel(step.delay())) {
                return Outcome.failed("interrupted while waiting to retry (attempt " + attempt + ": " + outcome.message() + ")",
                        outcome.data());
            }
        }
    }

    private Outcome invoke(Step step, ModuleCall call, String hostName, Map<String, Object> vars) throws Exception {
        Optional<Module> found = run.modules.find(call.module());
        if (found.isEmpty()) {
            return Outcome.failed(call.pos() + ": unknown module '" + call.module() + "'");
        }
        Module module = found.get();
        if (run.options.checkMode() && !module.supportsCheckMode()) {
            return Outcome.skipped("not run in check mode");
        }
        Map<String, Object> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, Object> a : call.args().entrySet()) {
            rendered.put(a.getKey(), run.templates.renderValue(a.getValue(), vars, call.posOf(a.getKey())));
        }
        // A secret argument's rendered value (e.g. a password built from vars) is masked from here on.
        for (dev.runbook.engine.module.Arg spec : module.args().args()) {
            Object v = spec.secret() ? rendered.get(spec.name()) : null;
            if (v != null) {
                run.secretValues.accept(String.valueOf(v));
            }
        }
        Args args = ArgCoercer.coerce(module.args(), call, rendered);
        Host host = run.plan.inventory().host(hostName);
        Transport transport = module.runsOnController() ? new LocalTransport(hostName) : run.transports.get(host);
        ExecModuleContext ctx = new ExecModuleContext(host, BecomeTransport.wrap(transport, step.become()), args,
                run.options.checkMode(), run.options.diffMode(), vars, Optional.ofNullable(step.timeout()),
                message -> run.progress(step.id(), hostName, message), run.prompter, run.templates, call.pos(),
                run::cancelled, step.become());
        Outcome outcome = module.run(ctx);
        if (outcome == null) {
            return Outcome.failed("module '" + call.module() + "' returned no outcome");
        }
        return outcome;
    }
}
