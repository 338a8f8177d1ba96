package dev.runbook.engine.testing;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.module.Outcome;

import java.util.List;

/** Small modules with realistic argument specs, for loading and validation tests (never run). */
public final class FakeModules {

    private FakeModules() {
    }

    record Fake(String name, ArgSpec args) implements Module {
        @Override
        public String summary() {
            return "test module " + name;
        }

        @Override
        public Outcome run(ModuleContext ctx) {
            return Outcome.failed("test modules only exist to be validated");
        }
    }

    public static ModuleRegistry registry() {
        return new ModuleRegistry(List.of(
                new Fake("command", ArgSpec.of(
                        Arg.optional("argv", ArgType.LIST, null, "program and arguments"),
                        Arg.optional("cmd", ArgType.STRING, null, "command line"),
                        Arg.optional("chdir", ArgType.PATH, null, "working directory")).oneOf("argv", "cmd")),
                new Fake("haproxy", ArgSpec.of(
                        Arg.required("state", ArgType.STRING, "serving or maintenance").choices("serving", "maintenance", "drain"),
                        Arg.required("config", ArgType.PATH, "haproxy.cfg path"),
                        Arg.optional("timeout", ArgType.DURATION, "30s", "how long to wait"))),
                new Fake("wait_for", ArgSpec.of(
                        Arg.required("port", ArgType.INT, "TCP port"),
                        Arg.optional("timeout", ArgType.DURATION, "5m", "how long"),
                        Arg.optional("password", ArgType.STRING, null, "secret").asSecret())),
                new Fake("debug", ArgSpec.of(Arg.optional("msg", ArgType.STRING, null, "message"),
                        Arg.optional("verbose", ArgType.BOOL, false, "more"))),
                new Fake("set_fact", new ArgSpec(List.of(), List.of()).acceptingUndeclared())));
    }
}
