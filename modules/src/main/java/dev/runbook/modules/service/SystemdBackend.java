package dev.runbook.modules.service;

import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.ops.OpException;
import dev.runbook.modules.ops.Remote;

import java.util.List;
import java.util.Locale;

/** systemd through systemctl. */
record SystemdBackend(String unit) implements ServiceBackend {

    @Override
    public String name() {
        return "systemd";
    }

    @Override
    public boolean supportsEnabled() {
        return true;
    }

    @Override
    public Status query(Remote remote) throws OpException, TransportException, InterruptedException {
        ExecResult active = remote.exec(List.of("systemctl", "is-active", "--", unit));
        ExecResult enabled = remote.exec(List.of("systemctl", "is-enabled", "--", unit));
        String en = enabled.stdout().strip();
        if (en.isEmpty() && !enabled.ok()) {
            throw new OpException("systemd does not know the unit '" + unit + "'" + Remote.errorText(enabled));
        }
        return new Status(active.ok(), en.equals("enabled") || en.equals("enabled-runtime") || en.equals("static") || en.equals("alias"));
    }

    @Override
    public List<List<String>> commands(Action action) {
        return List.of(List.of("systemctl", action.name().toLowerCase(Locale.ROOT), "--", unit));
    }
}
