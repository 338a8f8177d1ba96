package dev.runbook.cli;

import dev.runbook.engine.module.ModuleRegistry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process {@code runbook} invocation with captured stdout, stderr and exit code. */
record CliRun(int code, String out, String err) {

    static CliRun run(String... args) {
        return run(ModuleRegistry.load(), args);
    }

    static CliRun run(ModuleRegistry modules, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli cli = new Cli(new PrintWriter(out), new PrintWriter(err), false, Map.of(), () -> modules);
        int code = Main.run(cli, args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
