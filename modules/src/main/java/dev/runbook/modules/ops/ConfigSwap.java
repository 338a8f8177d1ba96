package dev.runbook.modules.ops;

import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.FileInfo;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.support.Shell;
import dev.runbook.modules.support.UnifiedDiff;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Installs a new load-balancer configuration safely: validate, keep the previous file, replace
 * atomically, reload gracefully, check; on any failure after the replacement, put the previous file
 * back and reload again. The live file is never left holding a configuration that failed validation.
 *
 * <p>Two validation styles: {@link Validation#CANDIDATE} validates {@code <live>.candidate} before
 * it replaces the live file (HAProxy: {@code haproxy -c -f %s}); {@link Validation#IN_PLACE}
 * validates the main configuration after the replacement, for servers whose test command reads the
 * including file (Nginx: {@code nginx -t}), restoring the previous file when the test fails —
 * the running server is not reloaded in between, so it keeps serving the old configuration.
 */
public final class ConfigSwap {

    public enum Validation { CANDIDATE, IN_PLACE }

    /** What to check after the reload: a URL and the status it must answer. */
    public record Check(String url, IntPredicate expected, String expectation, Duration timeout) {
    }

    private final Remote remote;
    private final ModuleContext ctx;

    /** @param ctx the step's context: the post-reload check honours its timeout and cancellation */
    public ConfigSwap(Remote remote, ModuleContext ctx) {
        this.remote = remote;
        this.ctx = ctx;
    }

    /**
     * @param validateCommand shell command; for CANDIDATE, {@code %s} is replaced by the candidate path
     * @param extra           data added to the outcome
     */
    public Outcome apply(String live, String before, String after, Validation validation, String validateCommand,
                         String reloadCommand, Optional<Check> check, String what, Map<String, Object> extra)
            throws OpException, TransportException, InterruptedException {
        Optional<FileInfo> info = remote.stat(live);
        String previous = live + ".previous";
        String diff = UnifiedDiff.of(live, before, after);
        Map<String, Object> data = new LinkedHashMap<>(extra);
        data.put("config", live);
        data.put("previous", previous);

        if (validation == Validation.CANDIDATE) {
            String candidate = live + ".candidate";
            remote.writeLike(candidate, after, info);
            ExecResult v = remote.shell(validateCommand.replace("%s", Shell.quote(candidate)));
            if (!v.ok()) {
                remote.remove(candidate);
                return Outcome.failed("the new configuration is invalid; " + live + " was left untouched and nothing was reloaded. "
                        + "Validation `" + validateCommand + "` (" + Remote.describeExit(v) + ")" + errorLines(v), data);
            }
            remote.remove(candidate);
        }
        remote.writeLike(previous, before, info);
        remote.writeLike(live, after, info);

        if (validation == Validation.IN_PLACE) {
            ExecResult v = remote.shell(validateCommand);
            if (!v.ok()) {
                remote.writeLike(live, before, info);
                return Outcome.failed("the new configuration is invalid; " + live + " was restored from " + previous
                        + " and nothing was reloaded. Test `" + validateCommand + "` (" + Remote.describeExit(v) + ")" + errorLines(v), data);
            }
        }

        ExecResult reload = remote.shell(reloadCommand);
        if (!reload.ok()) {
            return rollBack(live, before, info, reloadCommand, data,
                    "reload `" + reloadCommand + "` failed (" + Remote.describeExit(reload) + ")" + Remote.errorText(reload));
        }
        if (check.isPresent()) {
            Check c = check.get();
            Optional<String> problem = HttpCheck.await(ctx, c.url(), c.expected(), c.expectation(), c.timeout());
            if (problem.isPresent()) {
                return rollBack(live, before, info, reloadCommand, data, problem.get());
            }
        }
        return Outcome.changed(what, data, diff);
    }

    private Outcome rollBack(String live, String before, Optional<FileInfo> info, String reloadCommand,
                             Map<String, Object> data, String problem) throws TransportException, InterruptedException {
        remote.writeLike(live, before, info);
        ExecResult again = remote.shell(reloadCommand);
        String after = again.ok() ? "the previous configuration was restored and reloaded"
                : "the previous configuration was restored but reloading it failed too (" + Remote.describeExit(again) + ")"
                + Remote.errorText(again) + " — the server needs attention";
        return Outcome.failed(problem + "; " + after, data);
    }

    /** The validator's diagnostic lines (errors and alerts first), so the user sees why. */
    private static String errorLines(ExecResult r) {
        String text = (r.stderr() + "\n" + r.stdout()).strip();
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && (l.contains("ALERT") || l.contains("emerg") || l.contains("error") || l.contains("ERROR")
                    || l.contains("[crit]"))) {
                sb.append("\n  ").append(l);
            }
        }
        if (sb.length() == 0) {
            return Remote.errorText(r);
        }
        return ":" + sb;
    }
}
