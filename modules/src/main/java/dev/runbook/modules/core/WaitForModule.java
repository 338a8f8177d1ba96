package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.modules.support.Poller;
import dev.runbook.modules.support.Texts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Waits on the target host until a TCP port accepts (or refuses) connections, a path appears (or
 * goes), or a file contains a regexp. The port is probed from the host itself with bash's
 * /dev/tcp, which Debian minimal has (nc often is missing).
 */
public final class WaitForModule extends CoreModule {

    private static final ArgSpec SPEC = new ArgSpec(java.util.List.of(
            Arg.optional("port", ArgType.INT, null, "TCP port to wait for, connected to from the target host."),
            Arg.optional("host", ArgType.STRING, "127.0.0.1", "Address the port is on, as seen from the target host."),
            Arg.optional("path", ArgType.PATH, null, "File to wait for on the host (or whose content to search)."),
            Arg.optional("search_regex", ArgType.STRING, null, "Java regular expression that the file at path must contain (multi-line mode)."),
            Arg.optional("state", ArgType.STRING, "started", "started/present: wait until the port accepts connections or the path exists; "
                    + "stopped/absent: until the port refuses connections or the path is gone.")
                    .choices("started", "stopped", "present", "absent"),
            Arg.optional("timeout", ArgType.DURATION, Duration.ofSeconds(300), "Give up after this long (the step's timeout, if shorter, wins)."),
            Arg.optional("delay", ArgType.DURATION, Duration.ZERO, "Wait this long before the first check."),
            Arg.optional("sleep", ArgType.DURATION, Duration.ofSeconds(1), "Pause between checks."),
            Arg.optional("connect_timeout", ArgType.DURATION, Duration.ofSeconds(5), "How long one connection attempt may take.")),
            java.util.List.of(java.util.List.of("port", "path")));

    public WaitForModule() {
        super("wait_for", "Wait on the host for a TCP port to open or close, a file to appear or go, or a regexp in a file.", SPEC);
    }

    /** One observation: whether the awaited condition holds, and what was seen. */
    private record Check(boolean satisfied, String seen, String match) {
    }

    @Override
    protected Outcome execute(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        String state = a.string("state");
        boolean wantUp = state.equals("started") || state.equals("present");
        Pattern regex = null;
        if (a.has("search_regex")) {
            if (!a.has("path")) {
                return Outcome.failed("search_regex needs path (the file to search)");
            }
            if (!wantUp) {
                return Outcome.failed("search_regex works with state: present or started, not " + state);
            }
            try {
                regex = Pattern.compile(a.string("search_regex"), Pattern.MULTILINE);
            } catch (PatternSyntaxException e) {
                return Outcome.failed("search_regex is not a valid regular expression: " + e.getDescription());
            }
        }
        String what = describe(a, wantUp);
        if (ctx.checkMode()) {
            Check now = check(ctx, wantUp, regex);
            return Outcome.skipped("not waiting in check mode for " + what + " (now: " + now.seen() + ")");
        }
        Poller poller = new Poller(ctx, a.duration("timeout"));
        if (!poller.sleep(a.duration("delay"))) {
            return Outcome.failed("interrupted while waiting for " + what);
        }
        Check last;
        while (true) {
            last = check(ctx, wantUp, regex);
            if (last.satisfied()) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("elapsed_ms", poller.elapsed().toMillis());
                if (last.match() != null) {
                    data.put("match", last.match());
                }
                return Outcome.ok(what + " after " + Texts.human(poller.elapsed()), data);
            }
            if (poller.expired()) {
                break;
            }
            ctx.progress("waiting for " + what + " (" + poller.progress() + "; now " + last.seen() + ")");
            if (!poller.sleep(a.duration("sleep"))) {
                return Outcome.failed("interrupted while waiting for " + what + " (last seen: " + last.seen() + ")");
            }
        }
        return Outcome.failed("timed out after " + Texts.human(poller.limit()) + " waiting for " + what + " (last seen: " + last.seen() + ")",
                Map.of("elapsed_ms", poller.elapsed().toMillis()));
    }

    private static String describe(Args a, boolean wantUp) {
        if (a.has("port")) {
            return a.string("host") + ":" + a.integer("port") + (wantUp ? " to accept connections" : " to refuse connections");
        }
        if (a.has("search_regex")) {
            return "/" + a.string("search_regex") + "/ in " + a.string("path");
        }
        return a.string("path") + (wantUp ? " to exist" : " to be absent");
    }

    private static Check check(ModuleContext ctx, boolean wantUp, Pattern regex) throws Exception {
        Args a = ctx.args();
        if (a.has("port")) {
            boolean open = portOpen(ctx, a.string("host"), a.integer("port"), a.duration("connect_timeout"));
            return new Check(open == wantUp, open ? "open" : "closed", null);
        }
        String path = a.string("path");
        if (regex == null) {
            boolean exists = ctx.transport().stat(path, ctx.become()).isPresent();
            return new Check(exists == wantUp, exists ? "exists" : "absent", null);
        }
        Optional<byte[]> content = ctx.transport().readFile(path, ctx.become());
        if (content.isEmpty()) {
            return new Check(false, "file absent", null);
        }
        Matcher m = regex.matcher(new String(content.get(), StandardCharsets.UTF_8));
        return m.find() ? new Check(true, "found", m.group()) : new Check(false, "no match in " + content.get().length + " bytes", null);
    }

    /** Connects from the host with bash's /dev/tcp; host and port go in as arguments, never into the script. */
    private static boolean portOpen(ModuleContext ctx, String host, long port, Duration connectTimeout) throws Exception {
        ExecResult r = ctx.transport().exec(ExecRequest.argv("bash", "-c", "exec 3<>\"/dev/tcp/$1/$2\"", "runbook-wait-for", host, Long.toString(port))
                .withTimeout(connectTimeout).withBecome(ctx.become()));
        if (r.exitCode() == 127) {
            throw new ModuleFailure("bash is not installed on " + ctx.transport().hostName() + "; wait_for port needs it" + Texts.suffix(r.stderr()));
        }
        return r.ok();
    }
}
