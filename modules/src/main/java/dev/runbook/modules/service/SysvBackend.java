package dev.runbook.modules.service;

import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.ops.OpException;
import dev.runbook.modules.ops.Remote;

import java.util.List;

/**
 * SysV init scripts ({@code /etc/init.d/<name>}) with LSB status codes; enabled means start links
 * in a multi-user runlevel, managed with update-rc.d.
 */
record SysvBackend(String service) implements ServiceBackend {

    private String script() {
        return "/etc/init.d/" + service;
    }

    @Override
    public String name() {
        return "sysv";
    }

    @Override
    public boolean supportsEnabled() {
        return true;
    }

    @Override
    public Status query(Remote remote) throws OpException, TransportException, InterruptedException {
        ExecResult st = remote.exec(List.of(script(), "status"));
        boolean running;
        // LSB: 0 running; 1, 2, 3 not running (stale pid/lock, or stopped); 4 unknown.
        if (st.exitCode() == 0 && !st.timedOut()) {
            running = true;
        } else if (st.exitCode() >= 1 && st.exitCode() <= 3) {
            running = false;
        } else {
            throw new OpException(script() + " status could not tell whether " + service + " runs (" + Remote.describeExit(st) + ")"
                    + Remote.errorText(st));
        }
        ExecResult links = remote.script("for f in /etc/rc2.d/S??\"$1\" /etc/rc3.d/S??\"$1\" /etc/rc4.d/S??\"$1\" /etc/rc5.d/S??\"$1\"; "
                + "do [ -e \"$f\" ] && exit 0; done; exit 1", service);
        return new Status(running, links.ok());
    }

    @Override
    public List<List<String>> commands(Action action) {
        return switch (action) {
            case START -> List.of(List.of(script(), "start"));
            case STOP -> List.of(List.of(script(), "stop"));
            case RESTART -> List.of(List.of(script(), "restart"));
            case RELOAD -> List.of(List.of(script(), "reload"));
            case ENABLE -> List.of(List.of("update-rc.d", service, "defaults"), List.of("update-rc.d", service, "enable"));
            case DISABLE -> List.of(List.of("update-rc.d", service, "disable"));
        };
    }
}
