package dev.runbook.modules.service;

import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.ops.OpException;
import dev.runbook.modules.ops.Remote;
import dev.runbook.modules.service.ServiceBackend.Action;
import dev.runbook.modules.service.ServiceBackend.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * query → decide → act → re-query, the same for every backend. {@code changed} is decided from
 * the observed state: stopping a stopped service is ok; restarted/reloaded always act (as Ansible).
 * After acting, the state is polled until it matches or {@code settle} passes (init scripts and
 * containers often return before the process is really up or down).
 */
final class ServiceStateMachine {

    /** @param state started|stopped|restarted|reloaded or null; enabled null when not asked */
    record Desired(String state, Boolean enabled) {
    }

    private final Remote remote;
    private final ServiceBackend backend;
    private final String service;
    private final Duration settle;

    ServiceStateMachine(Remote remote, ServiceBackend backend, String service, Duration settle) {
        this.remote = remote;
        this.backend = backend;
        this.service = service;
        this.settle = settle;
    }

    static List<Action> decide(Status now, Desired want) {
        List<Action> actions = new ArrayList<>();
        if (want.state() != null) {
            switch (want.state()) {
                case "started" -> { if (!now.running()) actions.add(Action.START); }
                case "stopped" -> { if (now.running()) actions.add(Action.STOP); }
                case "restarted" -> actions.add(now.running() ? Action.RESTART : Action.START);
                case "reloaded" -> actions.add(now.running() ? Action.RELOAD : Action.START);
                default -> throw new IllegalArgumentException(want.state());
            }
        }
        if (want.enabled() != null && !want.enabled().equals(now.enabled())) {
            actions.add(want.enabled() ? Action.ENABLE : Action.DISABLE);
        }
        return actions;
    }

    Outcome run(Desired want, boolean check) throws TransportException, InterruptedException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", service);
        data.put("backend", backend.name());
        if (want.enabled() != null && !backend.supportsEnabled()) {
            return Outcome.failed("the " + backend.name() + " backend has no 'enabled' setting (for compose, use a restart policy in the compose file)", data);
        }
        Status before;
        try {
            before = backend.query(remote);
        } catch (OpException e) {
            if (check) {
                // Check mode on a host where the state cannot be read yet: still show what would run.
                List<String> cmds = new ArrayList<>();
                List<Action> worst = decide(new Status(!"started".equals(want.state()), want.enabled() == null ? null : !want.enabled()), want);
                worst.forEach(a -> backend.commands(a).forEach(c -> cmds.add(String.join(" ", c))));
                data.put("commands", cmds);
                return Outcome.changed("current state of " + service + " unknown (" + e.getMessage() + "); would run: "
                        + String.join("; ", cmds), data, null);
            }
            return Outcome.failed(e.getMessage(), data);
        }
        data.put("was_running", before.running());
        List<Action> actions = decide(before, want);
        List<String> cmds = new ArrayList<>();
        actions.forEach(a -> backend.commands(a).forEach(c -> cmds.add(String.join(" ", c))));
        data.put("commands", cmds);
        if (actions.isEmpty()) {
            data.put("running", before.running());
            return Outcome.ok(service + " is already " + describe(before), data);
        }
        if (check) {
            return Outcome.changed("would run: " + String.join("; ", cmds), data, null);
        }
        try {
            for (Action a : actions) {
                backend.act(remote, a);
            }
            Status after = awaitExpected(want);
            data.put("running", after.running());
            if (after.enabled() != null) {
                data.put("enabled", after.enabled());
            }
            return Outcome.changed(service + ": " + describe(before) + " -> " + describe(after) + " (" + String.join("; ", cmds) + ")", data, null);
        } catch (OpException e) {
            return Outcome.failed(e.getMessage(), data);
        }
    }

    private Status awaitExpected(Desired want) throws OpException, TransportException, InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        Status s;
        while (true) {
            s = backend.query(remote);
            boolean runOk = want.state() == null || (want.state().equals("stopped") != s.running());
            boolean enOk = want.enabled() == null || want.enabled().equals(s.enabled());
            if (runOk && enOk) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new OpException("after acting, " + service + " is " + describe(s) + " instead of "
                        + (want.state() == null ? "" : want.state()) + (want.enabled() == null ? "" : (want.enabled() ? " enabled" : " disabled"))
                        + " (waited " + settle.toSeconds() + "s)");
            }
            Thread.sleep(300);
        }
    }

    private static String describe(Status s) {
        return (s.running() ? "running" : "stopped") + Optional.ofNullable(s.enabled()).map(e -> e ? ", enabled" : ", disabled").orElse("");
    }
}
