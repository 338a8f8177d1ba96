package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.modules.support.Texts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What command and shell share: the optional arguments, creates/removes, running, judging the exit code. */
final class CommandRunner {

    static final List<Arg> COMMON_ARGS = List.of(
            Arg.optional("chdir", ArgType.PATH, null, "Directory on the host to run in."),
            Arg.optional("env", ArgType.MAP, null, "Extra environment variables; values never appear in the process list or output."),
            Arg.optional("stdin", ArgType.STRING, null, "Text fed to the command's standard input."),
            Arg.optional("creates", ArgType.PATH, null, "Do not run when this path already exists on the host (the step is ok)."),
            Arg.optional("removes", ArgType.PATH, null, "Do not run when this path does not exist on the host (the step is ok)."),
            Arg.optional("expect_rc", ArgType.LIST, List.of(0L), "Exit codes that count as success."),
            Arg.optional("changes", ArgType.BOOL, true, "Whether running the command counts as a change; false for read-only commands (then the step is ok)."));

    private CommandRunner() {
    }

    /** Ok when creates/removes say the command need not run, else empty. */
    static Optional<Outcome> skipByPaths(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        if (a.has("creates") && ctx.transport().stat(a.string("creates"), ctx.become()).isPresent()) {
            return Optional.of(Outcome.ok("not run: " + a.string("creates") + " exists", Map.of("rc", 0L, "skipped_by", "creates")));
        }
        if (a.has("removes") && ctx.transport().stat(a.string("removes"), ctx.become()).isEmpty()) {
            return Optional.of(Outcome.ok("not run: " + a.string("removes") + " does not exist", Map.of("rc", 0L, "skipped_by", "removes")));
        }
        return Optional.empty();
    }

    /** Runs the request built by the module (argv or shell) with the common options and judges the result. */
    static Outcome run(ModuleContext ctx, ExecRequest base, String what) throws Exception {
        Optional<Outcome> skip = skipByPaths(ctx);
        if (skip.isPresent()) {
            return skip.get();
        }
        if (ctx.checkMode()) {
            return Outcome.skipped((base.argv() != null ? "command" : "shell script") + " not run in check mode");
        }
        Args a = ctx.args();
        Map<String, String> env = new LinkedHashMap<>();
        a.map("env").forEach((k, v) -> env.put(k, v == null ? "" : String.valueOf(v)));
        ExecRequest req = base.withEnv(env).withBecome(ctx.become());
        if (a.has("stdin")) {
            req = req.withStdin(a.string("stdin").getBytes(StandardCharsets.UTF_8));
        }
        if (ctx.timeout().isPresent()) {
            req = req.withTimeout(ctx.timeout().get());
        }
        ExecResult r = ctx.transport().exec(req);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rc", (long) r.exitCode());
        data.put("stdout", r.stdout());
        data.put("stderr", r.stderr());
        data.put("stdout_lines", r.stdout().lines().toList());
        data.put("duration_ms", r.took().toMillis());
        if (r.timedOut()) {
            return Outcome.failed(what + " timed out after " + Texts.human(r.took()) + " and was killed" + Texts.suffix(r.stderr()), data);
        }
        List<Long> expected = new ArrayList<>();
        for (Object o : a.list("expect_rc")) {
            expected.add(o instanceof Number n ? n.longValue() : Long.parseLong(o.toString().strip()));
        }
        if (!expected.contains((long) r.exitCode())) {
            String err = r.stderr().isBlank() ? r.stdout() : r.stderr();
            return Outcome.failed(what + " exited with rc " + r.exitCode()
                    + (expected.equals(List.of(0L)) ? "" : " (expected one of " + expected + ")") + Texts.suffix(err), data);
        }
        String msg = "rc " + r.exitCode() + " in " + Texts.human(r.took());
        return a.bool("changes") ? Outcome.changed(msg, data, null) : Outcome.ok(msg, data);
    }

    /** Wraps an argv so it runs in {@code dir}, still without interpreting the words through a shell. */
    static List<String> inDir(String dir, List<String> argv) {
        List<String> words = new ArrayList<>(List.of("/bin/sh", "-c", "cd -- \"$1\" || exit 1; shift; exec \"$@\"", "runbook-chdir", dir));
        words.addAll(argv);
        return words;
    }
}
