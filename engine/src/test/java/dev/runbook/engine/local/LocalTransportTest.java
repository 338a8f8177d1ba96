package dev.runbook.engine.local;

import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LocalTransportTest {

    private final LocalTransport local = new LocalTransport("ctl");

    @Test
    void timeoutKillsTheWholeProcessTreeAndReportsIt() throws Exception {
        Path marker = Files.createTempFile("grandchild", ".pid");
        long start = System.nanoTime();
        ExecResult r = local.exec(ExecRequest.shell("sleep 30 & echo $! > " + marker + "; wait")
                .withTimeout(Duration.ofMillis(500)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(r.timedOut());
        assertTrue(took.toSeconds() < 8, "returned promptly, not after the grandchild's pipes closed: " + took);
        long pid = Long.parseLong(Files.readString(marker).strip());
        Thread.sleep(200);
        assertFalse(running(pid), "grandchild sleep killed");
    }

    /** Alive and not a zombie waiting for its (container) init to reap it. */
    private static boolean running(long pid) throws java.io.IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().noneMatch(l -> l.startsWith("State:") && l.contains("Z"));
    }

    @Test
    void exitCodesOutputStdinAndEnvironment() throws Exception {
        ExecResult r = local.exec(ExecRequest.shell("read x; echo \"$x $GREETING\"; echo oops >&2; exit 3")
                .withStdin("hello\n".getBytes()).withEnv(Map.of("GREETING", "world")));
        assertEquals(3, r.exitCode());
        assertEquals("hello world\n", r.stdout());
        assertEquals("oops\n", r.stderr());
        assertFalse(r.ok());
    }

    @Test
    void filesAreReplacedAtomicallyWithTheirMode() throws Exception {
        Path dir = Files.createTempDirectory("lt");
        Path f = dir.resolve("cfg");
        local.putFile(f.toString(), "a\n".getBytes(), dev.runbook.engine.transport.FileAttrs.mode(0640), null);
        assertEquals("a\n", new String(local.readFile(f.toString(), null).orElseThrow()));
        assertEquals(0640, local.stat(f.toString(), null).orElseThrow().mode());
        assertTrue(local.readFile(dir.resolve("missing").toString(), null).isEmpty());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }
}
