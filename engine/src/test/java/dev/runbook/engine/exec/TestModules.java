package dev.runbook.engine.exec;

import dev.runbook.engine.model.Durations;
import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small real modules for executor tests: they run real commands through the host's transport. */
final class TestModules {

    private TestModules() {
    }

    static ModuleRegistry registry() {
        return new ModuleRegistry(List.of(new Sh(), new Echo(), new SetFact(), new Sleep()));
    }

    /** sh: runs a shell command; non-zero exit fails with rc/stdout/stderr. Not check-mode safe. */
    static final class Sh implements Module {
        public String name() { return "sh"; }
        public String summary() { return "run a shell command"; }
        public ArgSpec args() { return ArgSpec.of(Arg.required("cmd", ArgType.STRING, "command")); }
        public boolean supportsCheckMode() { return false; }

        public Outcome run(ModuleContext ctx) throws Exception {
            ExecResult r = ctx.transport().exec(ExecRequest.shell(ctx.args().string("cmd")).withTimeout(ctx.timeout().orElse(null)));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("rc", r.exitCode());
            data.put("stdout", r.stdout().strip());
            data.put("stderr", r.stderr().strip());
            if (!r.ok()) {
                return Outcome.failed("exit code " + r.exitCode(), data);
            }
            return Outcome.changed("ran", data, null);
        }
    }

    /** echo: reports its typed arguments back. */
    static final class Echo implements Module {
        public String name() { return "echo"; }
        public String summary() { return "echo arguments"; }
        public ArgSpec args() {
            return ArgSpec.of(Arg.optional("msg", ArgType.STRING, "hello", "text"),
                    Arg.optional("n", ArgType.INT, null, "number"),
                    Arg.optional("d", ArgType.DURATION, null, "duration"),
                    Arg.optional("flag", ArgType.BOOL, false, "flag"));
        }
        public boolean runsOnController() { return true; }

        public Outcome run(ModuleContext ctx) {
            Map<String, Object> data = new LinkedHashMap<>(ctx.args().asMap());
            data.put("host", ctx.host().name());
            return Outcome.ok(ctx.args().string("msg"), data);
        }
    }

    /** set_fact: the facts convention. */
    static final class SetFact implements Module {
        public String name() { return "set_fact"; }
        public String summary() { return "set facts"; }
        public ArgSpec args() { return ArgSpec.of(Arg.required("facts", ArgType.MAP, "facts")); }
        public boolean runsOnController() { return true; }

        public Outcome run(ModuleContext ctx) {
            return Outcome.ok("facts set", Map.of(Module.FACTS, ctx.args().map("facts")));
        }
    }

    /** sleep: an interruptible wait that reports progress and honours cancellation. */
    static final class Sleep implements Module {
        public String name() { return "sleep"; }
        public String summary() { return "wait"; }
        public ArgSpec args() { return ArgSpec.of(Arg.required("for", ArgType.DURATION, "how long")); }

        public Outcome run(ModuleContext ctx) throws InterruptedException {
            Duration d = ctx.args().duration("for");
            ctx.progress("sleeping " + Durations.format(d));
            Thread.sleep(d.toMillis());
            return Outcome.ok("slept " + Durations.format(d));
        }
    }
}
