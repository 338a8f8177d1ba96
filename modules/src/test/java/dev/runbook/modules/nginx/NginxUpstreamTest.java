package dev.runbook.modules.nginx;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code members: down|up} against a real Nginx on 127.0.20.3 whose upstream balances over two
 * backends on 127.0.20.1 that answer with their own name.
 */
class NginxUpstreamTest {

    private static final String LB = "127.0.20.3";

    @TempDir
    Path dir;
    private final List<HttpServer> backends = new ArrayList<>();
    private int port;
    private Path conf;
    private Path site;
    private Path pid;
    private String second;
    private final NginxModule module = new NginxModule();

    @BeforeEach
    void start() throws Exception {
        backends.add(backend("node1"));
        backends.add(backend("node2"));
        String first = "127.0.20.1:" + backends.get(0).getAddress().getPort();
        second = "127.0.20.1:" + backends.get(1).getAddress().getPort();
        port = Loopback.freePort(LB);
        conf = dir.resolve("nginx.conf");
        site = dir.resolve("site.conf");
        pid = dir.resolve("nginx.pid");
        NginxTestConfig.writeMain(dir, conf);
        Files.writeString(site, """
                upstream other {
                    server 127.0.20.1:1;
                }

                upstream app_nodes {
                    server %3$s max_fails=1 fail_timeout=5s;
                    server %4$s;   # the second node
                    keepalive 4;
                }

                server {
                    listen %1$s:%2$d;
                    location / {
                        proxy_pass http://app_nodes;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                    }
                }
                """.formatted(LB, port, first, second));
        TestRun.sh("nginx -e " + dir.resolve("error.log") + " -c " + conf);
        assertEquals(Set.of("node1", "node2"), answering(12));
    }

    @AfterEach
    void stop() throws Exception {
        if (Files.exists(pid)) {
            TestRun.sh("kill -QUIT $(cat " + pid + ")");
        }
        backends.forEach(b -> b.stop(0));
    }

    private static HttpServer backend(String name) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.20.1", 0), 50);
        s.createContext("/", ex -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        s.start();
        return s;
    }

    /**
     * Which backends answered n fresh requests through Nginx. The background request loop shares
     * Nginx's round robin: irregular pauses keep our requests from falling in lockstep with it
     * (which would show one backend only).
     */
    private Set<String> answering(int n) throws Exception {
        Set<String> seen = new HashSet<>();
        java.util.Random jitter = new java.util.Random(42);
        for (int i = 0; i < n; i++) {
            Loopback.Response r = Loopback.get(LB, port, "/");
            assertEquals(200, r.status());
            seen.add(r.body());
            Thread.sleep(jitter.nextInt(25));
        }
        return seen;
    }

    private Map<String, Object> members(String members, String upstream, List<String> servers) {
        Map<String, Object> m = new HashMap<>();
        m.put("site", site.toString());
        m.put("members", members);
        m.put("upstream", upstream);
        m.put("servers", servers);
        m.put("test_command", "nginx -e " + dir.resolve("error.log") + " -t -c " + conf);
        m.put("reload_command", "nginx -e " + dir.resolve("error.log") + " -c " + conf + " -s reload");
        m.put("check_url", "http://" + LB + ":" + port + "/");
        return m;
    }

    @Test
    void aDownedMemberGetsNoRequestsUntilItIsUpAgain() throws Exception {
        String original = Files.readString(site);
        try (Loopback.RequestLoop loop = new Loopback.RequestLoop(LB, port)) {
            Thread.sleep(300);
            Outcome.Changed down = TestRun.expect(Outcome.Changed.class, TestRun.run(module, members("down", "app_nodes", List.of(second))));
            assertTrue(down.diff().contains("+    server " + second + " down;   # the second node"), down.diff());
            assertEquals(List.of(second), down.data().get("switched"));
            assertEquals(original, Files.readString(Path.of(site + ".previous")), "the previous file is kept");
            Thread.sleep(500); // old workers finish their requests after the graceful reload
            assertEquals(Set.of("node1"), answering(8), "no request reaches the downed member");
            Outcome.Ok again = TestRun.expect(Outcome.Ok.class, TestRun.run(module, members("down", "app_nodes", List.of(second))));
            assertTrue(again.message().contains("already down"), again.message());

            Outcome.Changed up = TestRun.expect(Outcome.Changed.class, TestRun.run(module, members("up", "app_nodes", List.of(second))));
            assertTrue(up.diff().contains("-    server " + second + " down;"), up.diff());
            assertEquals(original, Files.readString(site), "down then up gives the file back byte for byte");
            Thread.sleep(500);
            assertEquals(Set.of("node1", "node2"), answering(24));
            TestRun.expect(Outcome.Ok.class, TestRun.run(module, members("up", "app_nodes", List.of(second))));
            loop.close();
            assertEquals(0, loop.errors(), loop.summary());
            assertEquals(loop.count(200), totalOf(loop), "every request answered 200: " + loop.summary());
        }
    }

    private static int totalOf(Loopback.RequestLoop loop) {
        int n = 0;
        for (int status = 100; status < 600; status++) {
            n += loop.count(status);
        }
        return n;
    }

    @Test
    void checkModeShowsTheDiffAndChangesNothing() throws Exception {
        String original = Files.readString(site);
        Outcome.Changed c = TestRun.expect(Outcome.Changed.class, TestRun.check(module, members("down", "app_nodes", List.of(second))));
        assertTrue(c.message().startsWith("would set upstream app_nodes: " + second + " -> down"), c.message());
        assertTrue(c.diff().contains("+    server " + second + " down;"), c.diff());
        assertEquals(original, Files.readString(site));
        assertFalse(Files.exists(Path.of(site + ".previous")));
        assertEquals(Set.of("node1", "node2"), answering(12));
    }

    @Test
    void anUnknownServerOrUpstreamIsRefusedWithTheFileUntouched() throws Exception {
        String original = Files.readString(site);
        Outcome.Failed noServer = TestRun.expect(Outcome.Failed.class,
                TestRun.run(module, members("down", "app_nodes", List.of(second, "127.0.20.1:9"))));
        assertTrue(noServer.message().contains("upstream app_nodes has no server 127.0.20.1:9") && noServer.message().contains(second),
                noServer.message());
        Outcome.Failed inOther = TestRun.expect(Outcome.Failed.class,
                TestRun.run(module, members("down", "other", List.of(second))));
        assertTrue(inOther.message().contains("upstream other has no server " + second), inOther.message());
        Outcome.Failed noUpstream = TestRun.expect(Outcome.Failed.class,
                TestRun.run(module, members("down", "nodes", List.of(second))));
        assertTrue(noUpstream.message().contains("no upstream nodes (its upstreams: other, app_nodes)"), noUpstream.message());
        Outcome.Failed injected = TestRun.expect(Outcome.Failed.class,
                TestRun.run(module, members("down", "app_nodes", List.of(second + "; return 200"))));
        assertTrue(injected.message().contains("servers[0] must be an address"), injected.message());
        Map<String, Object> mixed = members("down", "app_nodes", List.of(second));
        mixed.put("listen", LB);
        Outcome.Failed wrongArg = TestRun.expect(Outcome.Failed.class, TestRun.run(module, mixed));
        assertTrue(wrongArg.message().contains("listen belongs to state"), wrongArg.message());

        assertEquals(original, Files.readString(site));
        assertFalse(Files.exists(Path.of(site + ".previous")), "nothing was swapped");
        assertEquals(Set.of("node1", "node2"), answering(12));
    }

    @Test
    void aSiteThatFailsTheTestIsRestoredAndNginxKeepsServingAsBefore() throws Exception {
        // Broken by hand after the last reload: marking a member down must not take the broken file live.
        String broken = Files.readString(site).replace("    keepalive 4;\n", "    keepalive 4;\n    bogus_directive on;\n");
        Files.writeString(site, broken);
        Outcome.Failed f = TestRun.expect(Outcome.Failed.class, TestRun.run(module, members("down", "app_nodes", List.of(second))));
        assertTrue(f.message().contains("invalid") && f.message().contains("bogus_directive"), f.message());
        assertEquals(broken, Files.readString(site), "the site file is restored");
        assertEquals(Set.of("node1", "node2"), answering(12), "still the old configuration: both members serve");
    }
}
