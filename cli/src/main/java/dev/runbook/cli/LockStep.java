package dev.runbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.inventory.InventorySettings;
import dev.runbook.engine.lock.ClusterLock;
import dev.runbook.engine.lock.LockHolder;
import dev.runbook.engine.lock.LockRefusedException;
import dev.runbook.engine.model.VarDecl;
import dev.runbook.engine.plan.Plan;
import dev.runbook.engine.ssh.TransportFactory;
import dev.runbook.engine.transport.TransportException;

import java.time.Instant;

/**
 * Takes and releases the cluster lock of a run. Lock host: extra var {@code lock_host}, else the
 * runbook var {@code lock_host}'s default, else the inventory's {@code settings.lock_host}, else the
 * first host of the plan. Cluster name: the inventory's name.
 */
final class LockStep {

    private LockStep() {
    }

    static ClusterLock take(Cli cli, boolean breakLock, Plan plan, TransportFactory transports, String runId,
                            String operator, JsonNode resumedMeta) throws CliFailure, InterruptedException {
        Inventory inv = plan.inventory();
        InventorySettings settings = inv.settings() == null ? InventorySettings.DEFAULTS : inv.settings();
        String hostName = lockHost(plan, settings);
        if (hostName == null) {
            return null; // a plan without hosts changes nothing
        }
        Host host;
        try {
            host = inv.host(hostName);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.INVALID, "lock host '" + hostName + "' is not in inventory " + inv.name()
                    + "; set settings.lock_host (or -e lock_host=...) to one of its hosts");
        }
        String path = settings.lockPath() == null ? InventorySettings.DEFAULTS.lockPath() : settings.lockPath();
        try {
            return ClusterLock.acquire(transports.open(host), path, inv.name(), runId, operator, breakLock,
                    ClusterLock.DEFAULT_STALE_AFTER,
                    holder -> cli.err().println("runbook: taking over the lock of cluster '" + inv.name() + "' held by "
                            + holder.describe()),
                    holder -> ownDeadEngine(holder, runId, resumedMeta));
        } catch (LockRefusedException e) {
            throw new CliFailure(ExitCodes.LOCKED, e.getMessage() + "; nothing was run");
        } catch (TransportException e) {
            throw new CliFailure(ExitCodes.LOCKED, "cannot take the lock of cluster '" + inv.name() + "' on " + hostName + ": "
                    + e.getMessage() + "; nothing was run");
        }
    }

    static void release(Cli cli, ClusterLock lock) {
        try {
            lock.release();
        } catch (TransportException e) {
            cli.err().println("runbook: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cli.err().println("runbook: interrupted while releasing the cluster lock " + lock.lockDir() + "; remove it by hand");
        }
    }

    private static String lockHost(Plan plan, InventorySettings settings) {
        Object extra = plan.extraVars().get("lock_host");
        if (extra != null) {
            return String.valueOf(extra);
        }
        VarDecl d = plan.runbook().vars().get("lock_host");
        if (d != null && d.defaultValue() != null) {
            return String.valueOf(d.defaultValue());
        }
        if (settings.lockHost() != null) {
            return settings.lockHost();
        }
        return plan.inventory().hosts().keySet().stream()
                .filter(h -> plan.steps().stream().anyMatch(s -> s.hosts().contains(h))).findFirst().orElse(null);
    }

    /**
     * A resumed run may take over the lock its own earlier attempt left behind when that engine process
     * is known to be gone (same machine, no process with that pid and start time): waiting two minutes
     * for the heartbeat to go stale would only delay the recovery.
     */
    private static boolean ownDeadEngine(LockHolder holder, String runId, JsonNode meta) {
        if (meta == null || !runId.equals(holder.runId())) {
            return false;
        }
        JsonNode attempts = meta.path("attempts");
        if (!attempts.isArray() || attempts.isEmpty()) {
            return false;
        }
        JsonNode last = attempts.get(attempts.size() - 1);
        if (!Operator.host().equals(last.path("engine_host").asText())) {
            return false; // another machine: only staleness can tell
        }
        long pid = last.path("engine_pid").asLong(-1);
        String started = last.path("engine_started").asText("");
        return ProcessHandle.of(pid).map(p -> !p.isAlive() || !started.isEmpty()
                && !p.info().startInstant().map(Instant::toString).orElse("").equals(started)).orElse(true);
    }
}
