package dev.runbook.modules.core;

import dev.runbook.engine.module.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitForModuleTest {

    @TempDir
    Path dir;

    private final WaitForModule waitFor = new WaitForModule();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void portThatOpensLaterIsAwaitedWithProgress() throws Exception {
        int port = freePort();
        ServerSocket[] server = new ServerSocket[1];
        CompletableFuture<Void> opener = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(700);
                server[0] = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            TestContext ctx = TestContext.of(waitFor, "port", port, "host", "127.0.0.1", "timeout", Duration.ofSeconds(20),
                    "sleep", Duration.ofMillis(200));
            Outcome o = ctx.run();
            assertInstanceOf(Outcome.Ok.class, o);
            assertTrue(o.message().startsWith("127.0.0.1:" + port + " to accept connections after"), o.message());
            assertTrue(ctx.progressMessages().stream().anyMatch(m -> m.contains("now closed")), ctx.progressMessages().toString());
        } finally {
            opener.get(5, TimeUnit.SECONDS);
            server[0].close();
        }
    }

    @Test
    void stoppedWaitsForTheListenerToGo() throws Exception {
        int port = freePort();
        ServerSocket s = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
        CompletableFuture<Void> closer = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(600);
                s.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Outcome o = TestContext.of(waitFor, "port", port, "state", "stopped", "timeout", Duration.ofSeconds(20), "sleep", Duration.ofMillis(200)).run();
        closer.get(5, TimeUnit.SECONDS);
        assertInstanceOf(Outcome.Ok.class, o);
        assertTrue(o.message().contains("to refuse connections"), o.message());
    }

    @Test
    void timeoutFailsWithWhatWasLastSeen() throws Exception {
        int port = freePort();
        Outcome o = TestContext.of(waitFor, "port", port, "timeout", Duration.ofSeconds(1), "sleep", Duration.ofMillis(200)).run();
        assertInstanceOf(Outcome.Failed.class, o);
        assertEquals("timed out after 1s waiting for 127.0.0.1:" + port + " to accept connections (last seen: closed)", o.message());
    }

    @Test
    void stepTimeoutShorterThanModuleTimeoutWins() throws Exception {
        int port = freePort();
        Outcome o = TestContext.of(waitFor, "port", port, "sleep", Duration.ofMillis(100)).stepTimeout(Duration.ofMillis(500)).run();
        assertTrue(o.message().startsWith("timed out after 500ms"), o.message());
    }

    @Test
    void pathAndRegexInAFile() throws Exception {
        Path log = dir.resolve("app.log");
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(300);
                Files.writeString(log, "booting\n");
                Thread.sleep(400);
                Files.writeString(log, "booting\napp has been started\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Outcome o = TestContext.of(waitFor, "path", log.toString(), "search_regex", "^app has been (started)$",
                "timeout", Duration.ofSeconds(20), "sleep", Duration.ofMillis(100)).run();
        writer.get(5, TimeUnit.SECONDS);
        assertInstanceOf(Outcome.Ok.class, o);
        assertEquals("app has been started", o.data().get("match"));

        Files.delete(log);
        assertInstanceOf(Outcome.Ok.class, TestContext.of(waitFor, "path", log.toString(), "state", "absent").run());
    }

    @Test
    void cancellationStopsTheWaitPromptly() throws Exception {
        TestContext ctx = TestContext.of(waitFor, "path", dir.resolve("never").toString(), "timeout", Duration.ofSeconds(60));
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(ctx::cancel);
        long start = System.nanoTime();
        Outcome o = ctx.run();
        assertInstanceOf(Outcome.Failed.class, o);
        assertTrue(o.message().startsWith("interrupted while waiting for"), o.message());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "the wait must end on cancel, not on its timeout");
    }

    @Test
    void checkModeDoesNotWaitButSaysWhatItSees() throws Exception {
        int port = freePort();
        Outcome o = TestContext.of(waitFor, "port", port).check().run();
        assertInstanceOf(Outcome.Skipped.class, o);
        assertEquals("not waiting in check mode for 127.0.0.1:" + port + " to accept connections (now: closed)", o.message());
    }
}
