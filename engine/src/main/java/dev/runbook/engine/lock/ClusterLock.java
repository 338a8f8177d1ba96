package dev.runbook.engine.lock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.Transport;
import dev.runbook.engine.transport.TransportException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A lock per cluster (inventory), held on one of its hosts as a directory created with {@code mkdir}
 * (atomic on POSIX file systems, so exactly one of two racing runs gets it). The directory holds
 * {@code owner.json} (run id, operator, start time) and {@code heartbeat} (epoch seconds, refreshed
 * while the run lives). Ages are measured on the lock host's clock, so skew between operators'
 * machines does not matter.
 */
public final class ClusterLock implements AutoCloseable {

    /** A heartbeat older than this marks the lock stale (its run is presumed dead). */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(2);
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    // $1 lock dir, $2 owner json. Prints ACQUIRED, or HELD then the owner file, heartbeat and the host's clock.
    private static final String ACQUIRE = """
            d="$1"
            p="$(dirname "$d")"
            # A lock directory the login user may not create (e.g. under a root-owned /var/lib) is made
            # shared like /tmp with passwordless sudo, where the host has it.
            { mkdir -p "$p" 2>/dev/null && [ -w "$p" ]; } || sudo -n install -d -m 1777 "$p" 2>/dev/null
            [ -d "$p" ] && [ -w "$p" ] || { echo "lock directory $p is missing or not writable by $(id -un)" >&2; exit 2; }
            if mkdir "$d" 2>/dev/null; then
              printf '%s\\n' "$2" > "$d/owner.json.tmp" && mv "$d/owner.json.tmp" "$d/owner.json"
              date +%s > "$d/heartbeat"
              echo ACQUIRED
            else
              echo HELD
              cat "$d/owner.json" 2>/dev/null || echo '{}'
              cat "$d/heartbeat" 2>/dev/null || echo 0
              date +%s
            fi
            """;
    // Only the holder may refresh or release: the run id in owner.json must match ($2).
    private static final String OWNED = "grep -q \"\\\"runId\\\":\\\"$2\\\"\" \"$1/owner.json\" 2>/dev/null";
    private static final String HEARTBEAT = OWNED + " && date +%s > \"$1/heartbeat.tmp\" && mv \"$1/heartbeat.tmp\" \"$1/heartbeat\"";
    private static final String RELEASE = OWNED + " && rm -rf \"$1\"";
    private static final String BREAK = "rm -rf \"$1\"";

    private final Transport transport;
    private final String lockDir;
    private final String runId;
    private final ScheduledExecutorService heartbeats;
    private volatile boolean held;

    private ClusterLock(Transport transport, String lockDir, String runId) {
        this.transport = transport;
        this.lockDir = lockDir;
        this.runId = runId;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes the lock of {@code cluster} in {@code lockPath} on the transport's host.
     *
     * @param breakStale take over a lock whose heartbeat is older than {@code staleAfter}; a live lock is never broken
     * @param onBreak    told about the holder of a stale lock before it is broken (the CLI shows it)
     */
    public static ClusterLock acquire(Transport transport, String lockPath, String cluster, String runId, String operator,
                                      boolean breakStale, Duration staleAfter, java.util.function.Consumer<LockHolder> onBreak)
            throws LockRefusedException, TransportException, InterruptedException {
        return acquire(transport, lockPath, cluster, runId, operator, breakStale, staleAfter, onBreak, holder -> false);
    }

    /**
     * As above; {@code knownDead} may also declare a live-looking holder dead, e.g. a resumed run whose
     * own earlier engine process is known to be gone (then waiting for staleness would only delay).
     */
    public static ClusterLock acquire(Transport transport, String lockPath, String cluster, String runId, String operator,
                                      boolean breakStale, Duration staleAfter, java.util.function.Consumer<LockHolder> onBreak,
                                      java.util.function.Predicate<LockHolder> knownDead)
            throws LockRefusedException, TransportException, InterruptedException {
        String dir = lockPath.replaceAll("/+$", "") + "/" + cluster + ".lock";
        ClusterLock lock = new ClusterLock(transport, dir, runId);
        ObjectNode owner = JSON.createObjectNode().put("runId", runId).put("operator", operator)
                .put("since", Instant.now().toString()).put("cluster", cluster);
        for (int attempt = 0; attempt < 2; attempt++) {
            ExecResult r = transport.exec(ExecRequest.argv("/bin/sh", "-c", ACQUIRE, "sh", dir, owner.toString()));
            if (!r.ok()) {
                throw new TransportException("cannot create the cluster lock " + dir + " on " + transport.hostName()
                        + ": " + r.stderr().strip(), false);
            }
            String[] lines = r.stdout().strip().split("\n");
            if (lines[0].equals("ACQUIRED")) {
                lock.held = true;
                lock.startHeartbeat();
                return lock;
            }
            LockHolder holder = parseHolder(lines);
            boolean dead = attempt == 0 && knownDead.test(holder);
            boolean stale = holder.heartbeatAge().compareTo(staleAfter) > 0;
            if (dead) {
                onBreak.accept(holder);
                ExecResult b = transport.exec(ExecRequest.argv("/bin/sh", "-c", BREAK, "sh", dir));
                if (!b.ok()) {
                    throw new TransportException("cannot remove the dead run's lock " + dir + ": " + b.stderr().strip(), false);
                }
                continue;
            }
            if (!stale) {
                throw new LockRefusedException("cluster '" + cluster + "' is locked on " + transport.hostName() + " by "
                        + holder.describe() + "; wait for that run to finish", holder);
            }
            if (!breakStale || attempt > 0) {
                throw new LockRefusedException("cluster '" + cluster + "' has a stale lock on " + transport.hostName() + ": "
                        + holder.describe() + "; if that run is dead, run again with --break-lock", holder);
            }
            onBreak.accept(holder);
            ExecResult b = transport.exec(ExecRequest.argv("/bin/sh", "-c", BREAK, "sh", dir));
            if (!b.ok()) {
                throw new TransportException("cannot break the stale lock " + dir + ": " + b.stderr().strip(), false);
            }
        }
        throw new IllegalStateException("unreachable: the loop returns or throws");
    }

    private static LockHolder parseHolder(String[] lines) {
        String runId = "?";
        String operator = "?";
        Instant since = Instant.EPOCH;
        try {
            var node = JSON.readTree(lines.length > 1 ? lines[1] : "{}");
            runId = node.path("runId").asText("?");
            operator = node.path("operator").asText("?");
            since = Instant.parse(node.path("since").asText(Instant.EPOCH.toString()));
        } catch (IOException | java.time.format.DateTimeParseException e) {
            // A half-written owner file (the holder died between mkdir and write) reads as unknown, with heartbeat 0: stale.
            runId = "unknown (unreadable owner file: " + e.getMessage() + ")";
        }
        long beat = lines.length > 2 ? parseLong(lines[2]) : 0;
        long now = lines.length > 3 ? parseLong(lines[3]) : 0;
        return new LockHolder(runId, operator, since, Duration.ofSeconds(Math.max(0, now - beat)));
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void startHeartbeat() {
        heartbeats.scheduleAtFixedRate(this::beat, HEARTBEAT_EVERY.toMillis(), HEARTBEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            transport.exec(ExecRequest.argv("/bin/sh", "-c", HEARTBEAT, "sh", lockDir, runId));
        } catch (TransportException e) {
            // A missed beat is retried at the next tick; only a long outage makes the lock look stale.
            org.slf4j.LoggerFactory.getLogger(ClusterLock.class).warn("cluster lock heartbeat failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean held() {
        return held;
    }

    public String lockDir() {
        return lockDir;
    }

    /** Releases the lock if this run still holds it. Safe to call twice. */
    public void release() throws TransportException, InterruptedException {
        heartbeats.shutdownNow();
        if (!held) {
            return;
        }
        held = false;
        ExecResult r = transport.exec(ExecRequest.argv("/bin/sh", "-c", RELEASE, "sh", lockDir, runId));
        if (!r.ok()) {
            throw new TransportException("the cluster lock " + lockDir + " on " + transport.hostName()
                    + " was no longer ours to release (broken by another operator?)", false);
        }
    }

    @Override
    public void close() throws TransportException, InterruptedException {
        release();
    }
}
