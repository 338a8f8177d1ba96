package dev.runbook.engine.lock;

import dev.runbook.engine.local.LocalTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class ClusterLockTest {

    @TempDir
    Path dir;

    private final LocalTransport host = new LocalTransport("db1");

    private ClusterLock take(String runId, boolean breakStale) throws Exception {
        return ClusterLock.acquire(host, dir.toString(), "lab", runId, "alice@laptop", breakStale,
                ClusterLock.DEFAULT_STALE_AFTER, h -> { });
    }

    @Test
    void secondRunIsRefusedWithHolderAndSince() throws Exception {
        try (ClusterLock first = take("run-1", false)) {
            assertTrue(first.held());
            LockRefusedException e = assertThrows(LockRefusedException.class, () -> take("run-2", true));
            assertTrue(e.getMessage().contains("run run-1 by alice@laptop since"), e.getMessage());
            assertEquals("run-1", e.holder().runId());
        }
        // released: a new run gets it
        try (ClusterLock again = take("run-3", false)) {
            assertTrue(again.held());
        }
    }

    @Test
    void staleLockIsBrokenOnlyWithTheFlagAfterShowingTheHolder() throws Exception {
        ClusterLock dead = take("run-dead", false);
        Files.writeString(dir.resolve("lab.lock/heartbeat"), "0\n"); // its process died long ago
        LockRefusedException refused = assertThrows(LockRefusedException.class, () -> take("run-2", false));
        assertTrue(refused.getMessage().contains("stale") && refused.getMessage().contains("--break-lock"), refused.getMessage());

        AtomicReference<LockHolder> shown = new AtomicReference<>();
        try (ClusterLock taken = ClusterLock.acquire(host, dir.toString(), "lab", "run-3", "bob@desk", true,
                ClusterLock.DEFAULT_STALE_AFTER, shown::set)) {
            assertEquals("run-dead", shown.get().runId());
            assertTrue(taken.held());
            // the dead run cannot release what is no longer its lock
            assertThrows(dev.runbook.engine.transport.TransportException.class, dead::release);
            assertTrue(Files.readString(dir.resolve("lab.lock/owner.json")).contains("run-3"));
        }
    }

    @Test
    void exactlyOneOfManyRacingRunsGetsTheLock() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ClusterLock>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String id = "run-" + i;
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return take(id, false);
                } catch (LockRefusedException e) {
                    return null;
                }
            }));
        }
        start.countDown();
        List<ClusterLock> winners = new ArrayList<>();
        for (Future<ClusterLock> f : results) {
            ClusterLock l = f.get();
            if (l != null) {
                winners.add(l);
            }
        }
        pool.shutdown();
        assertEquals(1, winners.size());
        winners.get(0).release();
        assertFalse(Files.exists(dir.resolve("lab.lock")));
    }

    @Test
    void heartbeatAgeIsMeasuredOnTheLockHost() throws Exception {
        try (ClusterLock first = take("run-1", false)) {
            long old = System.currentTimeMillis() / 1000 - 50;
            Files.writeString(dir.resolve("lab.lock/heartbeat"), old + "\n");
            LockRefusedException e = assertThrows(LockRefusedException.class, () -> take("run-2", false));
            long age = e.holder().heartbeatAge().toSeconds();
            assertTrue(age >= 50 && age < 60, "age " + age);
            assertFalse(e.getMessage().contains("stale"));
        }
        assertTrue(Duration.ofMinutes(2).equals(ClusterLock.DEFAULT_STALE_AFTER));
    }
}
