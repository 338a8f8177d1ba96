package dev.runbook.modules.haproxy;

import com.sun.net.httpserver.HttpServer;
import dev.runbook.engine.module.Outcome;
import dev.runbook.modules.ops.Loopback;
import dev.runbook.modules.ops.TestRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime API with {@code servers}: a real HAProxy on 127.0.20.2 balancing round-robin over three
 * backends on 127.0.20.1 that answer with their own name; {@code /slow} is pinned to app2 and holds
 * its session open, so the wait for drained servers can be observed.
 */
class HaproxyRuntimeServersTest {

    private static final String LB = "127.0.20.2";
    private static final List<String> REST = List.of("app/app2", "app/app3");

    @TempDir
    Path dir;
    private final List<HttpServer> backends = new ArrayList<>();
    private final Semaphore slowArrived = new Semaphore(0);
    private int port;
    private Path pid;
    private final HaproxyModule module = new HaproxyModule();

    @BeforeEach
    void start() throws Exception {
        StringBuilder servers = new StringBuilder();
        for (String name : List.of("app1", "app2", "app3")) {
            HttpServer s = backend(name);
            backends.add(s);
            servers.append("    server ").append(name).append(" 127.0.20.1:").append(s.getAddress().getPort()).append('\n');
        }
        port = Loopback.freePort(LB);
        Path cfg = dir.resolve("haproxy.cfg");
        pid = dir.resolve("haproxy.pid");
        Files.writeString(cfg, """
                global
                    stats socket %1$s/admin.sock mode 600 level admin

                defaults
                    mode http
                    timeout connect 2s
                    timeout client 10s
                    timeout server 10s

                frontend web
                    bind %2$s:%3$d
                    default_backend app

                backend app
                    balance roundrobin
                    use-server app2 if { path_beg /slow }
                %4$s""".formatted(dir, LB, port, servers));
        TestRun.sh("haproxy -W -D -f " + cfg + " -p " + pid);
        assertEquals(Set.of("app1", "app2", "app3"), answering(9));
    }

    @AfterEach
    void stop() throws Exception {
        if (Files.exists(pid)) {
            TestRun.sh("kill $(cat " + pid + ")");
        }
        backends.forEach(b -> b.stop(0));
    }

    /** A backend answering its name; {@code /slow?ms=N} answers after N milliseconds. */
    private HttpServer backend(String name) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.20.1", 0), 50);
        s.createContext("/", ex -> {
            if (ex.getRequestURI().getPath().equals("/slow")) {
                slowArrived.release();
                try {
                    Thread.sleep(Long.parseLong(ex.getRequestURI().getQuery().substring("ms=".length())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        s.start();
        return s;
    }

    /** Which backends answered n fresh requests through the load balancer. */
    private Set<String> answering(int n) throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Loopback.Response r = Loopback.get(LB, port, "/");
            assertEquals(200, r.status());
            seen.add(r.body());
        }
        return seen;
    }

    private Map<String, Object> args(String action, Object servers) {
        Map<String, Object> m = new HashMap<>();
        m.put("action", action);
        m.put("servers", servers);
        m.put("socket", dir.resolve("admin.sock").toString());
        m.put("wait", true);
        return m;
    }

    @Test
    void drainsSeveralServersIdempotentlyAndReturnsThem() throws Exception {
        Outcome.Changed drained = TestRun.expect(Outcome.Changed.class, TestRun.run(module, args("drain", REST)));
        assertEquals(REST, drained.data().get("switched"));
        assertEquals(Map.of("app/app2", "ready", "app/app3", "ready"), drained.data().get("previous_state"));
        assertEquals(Map.of("app/app2", 0L, "app/app3", 0L), drained.data().get("sessions"));
        assertEquals(Set.of("app1"), answering(9), "drained servers take no new requests");

        Outcome.Ok again = TestRun.expect(Outcome.Ok.class, TestRun.run(module, args("drain", REST)));
        assertEquals(List.of(), again.data().get("switched"));
        assertTrue(again.message().contains("already drain"), again.message());

        // One of them was returned by hand in between: only that one is switched.
        Map<String, Object> one = args("ready", null);
        one.remove("servers");
        one.put("server", "app/app3");
        TestRun.expect(Outcome.Changed.class, TestRun.run(module, one));
        Outcome.Changed partly = TestRun.expect(Outcome.Changed.class, TestRun.run(module, args("disable", REST)));
        assertEquals(REST, partly.data().get("switched"), "drain -> maint and ready -> maint");
        assertEquals(Map.of("app/app2", "drain", "app/app3", "ready"), partly.data().get("previous_state"));
        assertEquals(Set.of("app1"), answering(9));

        Outcome.Changed back = TestRun.expect(Outcome.Changed.class, TestRun.run(module, args("enable", REST)));
        assertEquals("ready", back.data().get("state"));
        assertEquals(Set.of("app1", "app2", "app3"), answering(9));
        TestRun.expect(Outcome.Ok.class, TestRun.run(module, args("ready", REST)));
    }

    @Test
    void checkModeReportsWhatWouldChangeAndChangesNothing() throws Exception {
        Outcome.Changed c = TestRun.expect(Outcome.Changed.class, TestRun.check(module, args("drain", REST)));
        assertTrue(c.message().startsWith("would set app/app2: ready -> drain, app/app3: ready -> drain"), c.message());
        assertEquals(Set.of("app1", "app2", "app3"), answering(9));
        Outcome.Ok ok = TestRun.expect(Outcome.Ok.class, TestRun.check(module, args("ready", REST)));
        assertTrue(ok.message().contains("already ready"), ok.message());
    }

    @Test
    void anUnknownServerRefusesTheWholeCallAndNamesIt() throws Exception {
        Outcome.Failed f = TestRun.expect(Outcome.Failed.class, TestRun.run(module, args("drain", List.of("app/app2", "app/nope", "other/app3"))));
        assertTrue(f.message().contains("no server app/nope, other/app3") && f.message().contains("nothing was changed"), f.message());
        assertEquals(Set.of("app1", "app2", "app3"), answering(9), "app/app2 was not drained either");

        Outcome.Failed malformed = TestRun.expect(Outcome.Failed.class, TestRun.run(module, args("drain", List.of("app/app2", "app3"))));
        assertTrue(malformed.message().contains("servers[1] must be backend/server") && malformed.message().contains("'app3'"), malformed.message());

        Map<String, Object> both = args("drain", REST);
        both.put("server", "app/app2");
        Outcome.Failed twice = TestRun.expect(Outcome.Failed.class, TestRun.run(module, both));
        assertTrue(twice.message().contains("exactly one of server") && twice.message().contains("not both"), twice.message());

        Outcome.Failed empty = TestRun.expect(Outcome.Failed.class, TestRun.run(module, args("drain", List.of())));
        assertTrue(empty.message().contains("servers is an empty list"), empty.message());
    }

    @Test
    void waitReturnsOnlyWhenTheDrainedServersHaveNoSessionsLeft() throws Exception {
        CompletableFuture<Loopback.Response> slow = CompletableFuture.supplyAsync(() -> get("/slow?ms=1500"));
        assertTrue(slowArrived.tryAcquire(10, TimeUnit.SECONDS), "the slow request reached app2");
        Outcome.Changed drained = TestRun.expect(Outcome.Changed.class, TestRun.run(module, args("drain", REST)));
        assertTrue(slow.isDone(), "the step returned while app2 still had a request in flight");
        assertEquals(200, slow.get().status(), "draining lets the open request finish");
        assertEquals(Map.of("app/app2", 0L, "app/app3", 0L), drained.data().get("sessions"));
    }

    @Test
    void aServerThatKeepsItsSessionsPastTheWaitTimeoutFailsTheStepByName() throws Exception {
        CompletableFuture<Loopback.Response> slow = CompletableFuture.supplyAsync(() -> get("/slow?ms=4000"));
        assertTrue(slowArrived.tryAcquire(10, TimeUnit.SECONDS), "the slow request reached app2");
        Map<String, Object> a = args("drain", REST);
        a.put("wait_timeout", Duration.ofSeconds(1));
        Outcome.Failed f = TestRun.expect(Outcome.Failed.class, TestRun.run(module, a));
        assertTrue(f.message().contains("app/app2 still has 1 sessions") && !f.message().contains("app/app3"), f.message());
        assertEquals(Map.of("app/app2", 1L, "app/app3", 0L), f.data().get("sessions"));
        assertEquals(200, slow.get(10, TimeUnit.SECONDS).status());
        assertEquals(Set.of("app1"), answering(6), "the servers stay drained: a failed wait rolls nothing back");
    }

    private Loopback.Response get(String path) {
        try {
            return Loopback.get(LB, port, path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
