package dev.runbook.modules.nginx;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.modules.ops.ConfigSwap;
import dev.runbook.modules.ops.MaintenanceWindow;
import dev.runbook.modules.ops.OpException;
import dev.runbook.modules.ops.Remote;
import dev.runbook.modules.support.UnifiedDiff;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Nginx: switch a site between serving and a 503 maintenance page ({@code state}), or mark members
 * of an upstream down / up ({@code members}); both by a tested swap of the site file and a graceful reload.
 */
public final class NginxModule implements Module {

    @Override
    public String name() {
        return "nginx";
    }

    @Override
    public String summary() {
        return "Nginx: maintenance page on/off for a site file, or upstream members down/up; tested (nginx -t), reloaded gracefully, restored on failure";
    }

    @Override
    public ArgSpec args() {
        return ArgSpec.of(
                Arg.required("site", ArgType.PATH, "The site configuration file the main nginx.conf includes"),
                Arg.optional("state", ArgType.STRING, null, "maintenance (every location of the site answers 503 with the page) or serving (the site's own locations); give state or members")
                        .choices("maintenance", "serving"),
                Arg.optional("members", ArgType.STRING, null, "Upstream members: down (add the down flag to the servers' lines) or up (remove it); give state or members")
                        .choices("down", "up"),
                Arg.optional("upstream", ArgType.STRING, null, "Upstream members: the name of the upstream block (required with members)"),
                Arg.optional("servers", ArgType.LIST, null, "Upstream members: addresses exactly as written in the upstream's server lines, e.g. [10.0.0.12:13000] (required with members)"),
                Arg.optional("maintenance_page", ArgType.PATH, null, "HTML file on the host served with the 503 (required for state=maintenance)"),
                Arg.optional("listen", ArgType.STRING, null, "Only switch server blocks whose listen directive contains this text (default: every server block of the site)"),
                Arg.optional("test_command", ArgType.STRING, "nginx -t", "Tests the whole configuration (run after the site file is replaced, before any reload)"),
                Arg.optional("reload_command", ArgType.STRING, "nginx -s reload", "Graceful reload command"),
                Arg.optional("check_url", ArgType.STRING, null, "URL polled from the control machine after the reload: 503 expected in maintenance, a non-5xx answer when serving or after members"),
                Arg.optional("check_timeout", ArgType.DURATION, Duration.ofSeconds(15), "How long check_url may take to show the new state"))
                .oneOf("state", "members");
    }

    @Override
    public Outcome run(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        Remote remote = new Remote(ctx.transport());
        if (a.has("members")) {
            return members(ctx, remote, a);
        }
        String site = a.string("site");
        boolean maintenance = a.string("state").equals("maintenance");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", a.string("state"));
        data.put("site", site);
        try {
            for (String other : new String[]{"upstream", "servers"}) {
                if (a.has(other)) {
                    throw new OpException(other + " belongs to members (down/up), not to state=" + a.string("state"));
                }
            }
            String live = remote.mustRead(site, "Nginx site file");
            String candidate;
            if (maintenance) {
                String page = a.optString("maintenance_page")
                        .orElseThrow(() -> new OpException("state=maintenance needs maintenance_page: an HTML file on the host"));
                if (!page.startsWith("/")) {
                    throw new OpException("maintenance_page must be an absolute path, got '" + page + "'");
                }
                if (remote.stat(page).isEmpty()) {
                    throw new OpException("maintenance_page " + page + " does not exist on " + ctx.host().name());
                }
                candidate = NginxSite.maintenance(live, page, a.optString("listen"));
            } else {
                candidate = NginxSite.serving(live);
            }
            String target = maintenance ? "maintenance" : "serving";
            if (candidate.equals(live)) {
                return MaintenanceWindow.mark(Outcome.ok("Nginx site is already " + target + " (" + site + ")", data), maintenance, ctx.checkMode());
            }
            String diff = ctx.diffMode() ? UnifiedDiff.of(site, live, candidate) : null;
            if (ctx.checkMode()) {
                return Outcome.changed("would switch the Nginx site to " + target + " (" + site + ")", data, diff);
            }
            Optional<ConfigSwap.Check> check = a.optString("check_url").map(url -> new ConfigSwap.Check(url,
                    maintenance ? s -> s == 503 : s -> s != 503 && s < 500, maintenance ? "HTTP 503" : "a non-5xx answer",
                    a.duration("check_timeout")));
            Outcome out = new ConfigSwap(remote, ctx).apply(site, live, candidate, ConfigSwap.Validation.IN_PLACE,
                    a.string("test_command"), a.string("reload_command"), check,
                    "Nginx site switched to " + target + " and reloaded (" + site + ")", data);
            return MaintenanceWindow.mark(out instanceof Outcome.Changed c ? new Outcome.Changed(c.message(), c.data(), diff) : out,
                    maintenance, false);
        } catch (OpException e) {
            return Outcome.failed(e.getMessage(), data);
        }
    }

    private Outcome members(ModuleContext ctx, Remote remote, Args a) throws Exception {
        String site = a.string("site");
        boolean down = a.string("members").equals("down");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("members", a.string("members"));
        data.put("site", site);
        try {
            for (String other : new String[]{"maintenance_page", "listen"}) {
                if (a.has(other)) {
                    throw new OpException(other + " belongs to state (maintenance/serving), not to members=" + a.string("members"));
                }
            }
            String upstream = a.optString("upstream")
                    .orElseThrow(() -> new OpException("members needs upstream: the name of the upstream block holding the servers"));
            if (!a.has("servers")) {
                throw new OpException("members needs servers: the addresses as written in the upstream's server lines, e.g. [10.0.0.12:13000]");
            }
            List<String> servers = NginxUpstream.addresses(a.list("servers"));
            data.put("upstream", upstream);
            data.put("servers", servers);
            String live = remote.mustRead(site, "Nginx site file");
            NginxUpstream.Edit edit = NginxUpstream.members(live, upstream, servers, down);
            data.put("switched", edit.switched());
            String flag = down ? "down" : "up";
            if (edit.switched().isEmpty()) {
                return Outcome.ok("upstream " + upstream + ": " + String.join(", ", servers) + (servers.size() == 1 ? " is" : " are")
                        + " already " + flag + " (" + site + ")", data);
            }
            String diff = ctx.diffMode() ? UnifiedDiff.of(site, live, edit.site()) : null;
            String what = "upstream " + upstream + ": " + String.join(", ", edit.switched()) + " -> " + flag;
            if (ctx.checkMode()) {
                return Outcome.changed("would set " + what + " (" + site + ")", data, diff);
            }
            Optional<ConfigSwap.Check> check = a.optString("check_url").map(url -> new ConfigSwap.Check(url,
                    s -> s < 500, "a non-5xx answer", a.duration("check_timeout")));
            Outcome out = new ConfigSwap(remote, ctx).apply(site, live, edit.site(), ConfigSwap.Validation.IN_PLACE,
                    a.string("test_command"), a.string("reload_command"), check, what + ", reloaded (" + site + ")", data);
            return out instanceof Outcome.Changed c ? new Outcome.Changed(c.message(), c.data(), diff) : out;
        } catch (OpException e) {
            return Outcome.failed(e.getMessage(), data);
        }
    }
}
