package dev.runbook.modules.service;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.Module;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.ops.OpException;
import dev.runbook.modules.ops.Remote;

import java.time.Duration;
import java.util.List;

/** Start, stop, restart, reload and enable services under systemd, SysV init or Docker Compose. */
public final class ServiceModule implements Module {

    @Override
    public String name() {
        return "service";
    }

    @Override
    public String summary() {
        return "Service state (started/stopped/restarted/reloaded, enabled) via systemd, SysV init scripts or docker compose";
    }

    @Override
    public ArgSpec args() {
        return ArgSpec.of(
                Arg.required("name", ArgType.STRING, "Service name: systemd unit, /etc/init.d script name, or compose service"),
                Arg.optional("state", ArgType.STRING, null, "started, stopped (ok when already so), restarted or reloaded (always act; start a stopped service)")
                        .choices("started", "stopped", "restarted", "reloaded"),
                Arg.optional("enabled", ArgType.BOOL, null, "Start at boot (systemd, sysv via update-rc.d; not compose)"),
                Arg.optional("backend", ArgType.STRING, "auto", "auto: systemd when /run/systemd/system exists, else sysv when /etc/init.d/<name> exists, else compose when project_dir is given")
                        .choices("auto", "systemd", "sysv", "compose"),
                Arg.optional("project_dir", ArgType.PATH, null, "compose: the project directory (required for compose)"),
                Arg.optional("compose_file", ArgType.PATH, null, "compose: the compose file, when not the project's default"),
                Arg.optional("pull", ArgType.BOOL, false, "compose: docker compose pull the service's image before up"),
                Arg.optional("settle_timeout", ArgType.DURATION, Duration.ofSeconds(30), "How long the service may take to reach the state after the command returned"));
    }

    @Override
    public Outcome run(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        if (!a.has("state") && !a.has("enabled")) {
            return Outcome.failed("service needs state (started, stopped, restarted, reloaded) or enabled (true/false)");
        }
        Remote remote = new Remote(ctx.transport(), Duration.ofMinutes(15));
        String name = a.string("name");
        ServiceBackend backend;
        try {
            backend = backend(remote, a, name);
        } catch (OpException e) {
            return Outcome.failed(e.getMessage());
        }
        Boolean enabled = a.has("enabled") ? a.bool("enabled") : null;
        return new ServiceStateMachine(remote, backend, name, a.duration("settle_timeout"))
                .run(new ServiceStateMachine.Desired(a.optString("state").orElse(null), enabled), ctx.checkMode());
    }

    private static ServiceBackend backend(Remote remote, Args a, String name) throws OpException, TransportException, InterruptedException {
        String kind = a.string("backend");
        if (kind.equals("auto")) {
            if (remote.exec(List.of("test", "-d", "/run/systemd/system")).ok()) {
                kind = "systemd";
            } else if (remote.exec(List.of("test", "-x", "/etc/init.d/" + name)).ok()) {
                kind = "sysv";
            } else if (a.has("project_dir")) {
                kind = "compose";
            } else {
                throw new OpException("cannot tell how '" + name + "' is managed: no systemd, no executable /etc/init.d/" + name
                        + ", no project_dir for compose; set backend explicitly");
            }
        }
        return switch (kind) {
            case "systemd" -> new SystemdBackend(name);
            case "sysv" -> new SysvBackend(name);
            case "compose" -> new ComposeBackend(name,
                    a.optString("project_dir").orElseThrow(() -> new OpException("backend compose needs project_dir")),
                    a.optString("compose_file").orElse(null), a.bool("pull"));
            default -> throw new OpException("unknown backend " + kind);
        };
    }
}
