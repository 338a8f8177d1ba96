package dev.runbook.cli;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.plan.Plan;
import dev.runbook.engine.ssh.HostKeyException;
import dev.runbook.engine.ssh.SshTransport;
import dev.runbook.engine.ssh.TransportFactory;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.engine.transport.Transport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Connects to every SSH host of the plan before anything runs, so an unknown or changed host key
 * stops the whole run up front instead of after some hosts were changed. Hosts that are merely down
 * are left to the run (they are reported unreachable there). The connections are kept for the run.
 */
final class Preflight {

    private Preflight() {
    }

    static void hostKeys(Plan plan, TransportFactory transports) throws CliFailure, InterruptedException {
        Set<String> names = new LinkedHashSet<>();
        plan.steps().forEach(s -> names.addAll(s.hosts()));
        List<Host> ssh = names.stream().map(plan.inventory()::host).filter(h -> h.connection() == Host.Connection.SSH).toList();
        if (ssh.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, ssh.size()), r -> {
            Thread t = new Thread(r, "preflight");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Host h : ssh) {
                results.add(pool.submit(() -> {
                    Transport t = transports.open(h);
                    try {
                        ((SshTransport) t).connect();
                        return null;
                    } catch (HostKeyException e) {
                        return e.getMessage();
                    } catch (TransportException e) {
                        return null; // down or refusing: the run reports it per step
                    }
                }));
            }
            List<String> refused = new ArrayList<>();
            for (Future<String> f : results) {
                try {
                    String r = f.get();
                    if (r != null) {
                        refused.add(r);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("host check crashed", e.getCause());
                }
            }
            if (!refused.isEmpty()) {
                throw new CliFailure(ExitCodes.UNREACHABLE, String.join("\n", refused)
                        + "\nnothing was run: host keys are checked before the first step");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
