package dev.runbook.modules.haproxy;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.FileAttrs;
import dev.runbook.modules.ops.ConfigSwap;
import dev.runbook.modules.ops.MaintenanceWindow;
import dev.runbook.modules.ops.OpException;
import dev.runbook.modules.ops.Remote;
import dev.runbook.modules.support.UnifiedDiff;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * HAProxy: switch frontends between serving and a 503 maintenance page by a validated config swap
 * ({@code state}), or change the state of one or several servers through the runtime API ({@code action}).
 */
public final class HaproxyModule implements Module {

    @Override
    public String name() {
        return "haproxy";
    }

    @Override
    public String summary() {
        return "HAProxy: maintenance page on/off by validated config swap and graceful reload, or server(s) enable/disable/drain via the admin socket";
    }

    @Override
    public ArgSpec args() {
        return ArgSpec.of(
                Arg.optional("state", ArgType.STRING, null, "Config swap: maintenance (every selected frontend answers 503 with the maintenance page) or serving (normal routing)")
                        .choices("maintenance", "serving"),
                Arg.optional("config", ArgType.PATH, null, "Config swap: the live haproxy.cfg (required with state)"),
                Arg.optional("frontend", ArgType.STRING, null, "Config swap: the frontend (or listen section) to switch; default every frontend and listen section"),
                Arg.optional("maintenance_page", ArgType.PATH, null, "Config swap: HTML file on the host shown with the 503 (required for state=maintenance); "
                        + "the module builds the raw HTTP response file <config>.maintenance.http from it"),
                Arg.optional("validate_command", ArgType.STRING, "haproxy -c -f %s", "Config swap: validates the candidate file (%s = its path)"),
                Arg.optional("reload_command", ArgType.STRING, "service haproxy reload", "Config swap: graceful reload command"),
                Arg.optional("check_url", ArgType.STRING, null, "Config swap: URL polled from the control machine after the reload; must answer 503 in maintenance and something else when serving"),
                Arg.optional("check_timeout", ArgType.DURATION, Duration.ofSeconds(15), "Config swap: how long check_url may take to show the new state"),
                Arg.optional("action", ArgType.STRING, null, "Runtime API: enable (= ready), disable (= maint), drain, ready or maint")
                        .choices("enable", "disable", "drain", "ready", "maint"),
                Arg.optional("server", ArgType.STRING, null, "Runtime API: backend/server, e.g. app/app1 (give server or servers with action)"),
                Arg.optional("servers", ArgType.LIST, null, "Runtime API: several backend/server names, e.g. [app/app2, app/app3]; "
                        + "all are looked up before any is changed (give server or servers with action)"),
                Arg.optional("socket", ArgType.PATH, "/run/haproxy/admin.sock", "Runtime API: the admin-level stats socket"),
                Arg.optional("wait", ArgType.BOOL, false, "Runtime API: wait until every server shows the state and, for drain/disable/maint, has no current sessions"),
                Arg.optional("wait_timeout", ArgType.DURATION, Duration.ofMinutes(5), "Runtime API: how long to wait (the step timeout, when shorter, wins)")
        ).oneOf("state", "action");
    }

    @Override
    public Outcome run(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        Remote remote = new Remote(ctx.transport());
        try {
            if (a.has("action")) {
                return new HaproxyRuntime(remote, ctx).run();
            }
            if (a.has("server") || a.has("servers")) {
                throw new OpException("server and servers belong to the runtime API (action: drain, ready, ...), not to state=" + a.string("state"));
            }
            return swap(ctx, remote, a);
        } catch (OpException e) {
            return Outcome.failed(e.getMessage());
        }
    }

    private Outcome swap(ModuleContext ctx, Remote remote, Args a) throws Exception {
        String config = a.optString("config").orElseThrow(() -> new OpException("state needs config: the path of the live haproxy.cfg"));
        boolean maintenance = a.string("state").equals("maintenance");
        String live = remote.mustRead(config, "HAProxy configuration");
        String responseFile = config + ".maintenance.http";
        String candidate;
        byte[] response = null;
        boolean responseDiffers = false;
        if (maintenance) {
            String page = a.optString("maintenance_page")
                    .orElseThrow(() -> new OpException("state=maintenance needs maintenance_page: an HTML file on the host"));
            byte[] pageBytes = ctx.transport().readFile(page, null)
                    .orElseThrow(() -> new OpException("maintenance_page " + page + " does not exist on " + ctx.host().name()));
            response = HaproxyConfig.response503(pageBytes);
            responseDiffers = !Arrays.equals(response, ctx.transport().readFile(responseFile, null).orElse(null));
            candidate = HaproxyConfig.maintenance(live, a.optString("frontend"), responseFile);
        } else {
            candidate = HaproxyConfig.serving(live);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", a.string("state"));
        data.put("config", config);
        String target = maintenance ? "maintenance" : "serving";
        if (candidate.equals(live) && !responseDiffers) {
            return MaintenanceWindow.mark(Outcome.ok("HAProxy is already " + target + " (" + config + ")", data), maintenance, ctx.checkMode());
        }
        if (ctx.checkMode()) {
            return Outcome.changed("would switch HAProxy to " + target + " (" + config + ")", data,
                    ctx.diffMode() ? UnifiedDiff.of(config, live, candidate) : null);
        }
        if (maintenance && responseDiffers) {
            // Written before validation: the validator must find the file the new config names.
            ctx.transport().putFile(responseFile, response, FileAttrs.mode(0644), null);
        }
        if (candidate.equals(live)) {
            // Only the page changed: HAProxy reads errorfiles at start, so reload to pick it up.
            var r = remote.shell(a.string("reload_command"));
            if (!r.ok()) {
                return Outcome.failed("reload `" + a.string("reload_command") + "` failed (" + Remote.describeExit(r) + ")" + Remote.errorText(r), data);
            }
            return MaintenanceWindow.mark(Outcome.changed("HAProxy maintenance page updated and reloaded (" + config + ")", data, null), maintenance, false);
        }
        Optional<ConfigSwap.Check> check = a.optString("check_url").map(url -> new ConfigSwap.Check(url,
                maintenance ? s -> s == 503 : s -> s != 503 && s < 500, maintenance ? "HTTP 503" : "a non-5xx answer",
                a.duration("check_timeout")));
        Outcome out = new ConfigSwap(remote, ctx).apply(config, live, candidate, ConfigSwap.Validation.CANDIDATE,
                a.string("validate_command"), a.string("reload_command"), check,
                "HAProxy switched to " + target + " and reloaded (" + config + ")", data);
        out = ctx.diffMode() || !(out instanceof Outcome.Changed c) ? out : new Outcome.Changed(c.message(), c.data(), null);
        return MaintenanceWindow.mark(out, maintenance, false);
    }
}
