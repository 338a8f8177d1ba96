package dev.runbook.modules.ops;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.local.LocalTransport;
import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.module.Prompter;
import dev.runbook.engine.transport.Transport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a module against this machine through the real {@link LocalTransport}, with the arguments
 * completed from the module's ArgSpec defaults as the engine's validator would.
 */
public final class TestRun {

    private TestRun() {
    }

    public static Outcome run(Module module, Map<String, Object> args) throws Exception {
        return run(module, args, false, true);
    }

    public static Outcome check(Module module, Map<String, Object> args) throws Exception {
        return run(module, args, true, true);
    }

    public static Outcome run(Module module, Map<String, Object> given, boolean check, boolean diff) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Arg a : module.args().args()) {
            if (a.defaultValue() != null) {
                values.put(a.name(), a.defaultValue());
            }
        }
        for (var e : given.entrySet()) {
            if (module.args().find(e.getKey()).isEmpty()) {
                throw new IllegalArgumentException("module " + module.name() + " has no argument " + e.getKey());
            }
            values.put(e.getKey(), e.getValue() instanceof Integer i ? Long.valueOf(i) : e.getValue());
        }
        Transport t = new LocalTransport("testhost");
        Args args = new Args(values);
        ModuleContext ctx = new ModuleContext() {
            public Host host() { return Host.local("testhost"); }
            public Transport transport() { return t; }
            public Args args() { return args; }
            public boolean checkMode() { return check; }
            public boolean diffMode() { return diff; }
            public Map<String, Object> vars() { return Map.of(); }
            public Optional<Duration> timeout() { return Optional.empty(); }
            public void progress(String message) { }
            public Prompter prompter() { return q -> true; }
            public String render(String template) { return template; }
            public boolean cancelled() { return false; }
        };
        return module.run(ctx);
    }

    /** Runs a shell command on this machine and returns stdout; fails the test on a non-zero exit. */
    public static String sh(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError("command failed: " + script + "\n" + out);
        }
        return out;
    }

    /** Asserts the outcome's type, showing its message when it is not the expected one. */
    public static <T extends Outcome> T expect(Class<T> type, Outcome outcome) {
        if (!type.isInstance(outcome)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but was " + outcome.status() + ": " + outcome.message());
        }
        return type.cast(outcome);
    }
}
