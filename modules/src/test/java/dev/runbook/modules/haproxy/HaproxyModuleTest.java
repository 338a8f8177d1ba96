package dev.runbook.modules.haproxy;

import com.sun.net.httpserver.HttpServer;
import dev.runbook.engine.module.Outcome;
import dev.runbook.modules.ops.Loopback;
import dev.runbook.modules.ops.TestRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real HAProxy (master-worker, seamless reloads) on 127.0.20.2 in front of a tiny app on 127.0.20.1. */
class HaproxyModuleTest {

    private static final String LB = "127.0.20.2";

    @TempDir
    Path dir;
    private HttpServer app;
    private int port;
    private Path cfg;
    private Path pid;
    private Path page;
    private final HaproxyModule module = new HaproxyModule();

    @BeforeEach
    void start() throws Exception {
        app = Loopback.app("127.0.20.1");
        port = Loopback.freePort(LB);
        cfg = dir.resolve("haproxy.cfg");
        pid = dir.resolve("haproxy.pid");
        page = dir.resolve("maintenance.html");
        Files.writeString(page, "<html><body><h1>Down for maintenance</h1></body></html>\n");
        Files.writeString(cfg, """
                global
                    stats socket %1$s/admin.sock mode 600 level admin expose-fd listeners

                defaults
                    mode http
                    timeout connect 2s
                    timeout client 10s
                    timeout server 10s

                # the public entry point
                frontend web
                    bind %2$s:%3$d
                    default_backend app

                backend app
                    server app1 127.0.20.1:%4$d
                """.formatted(dir, LB, port, app.getAddress().getPort()));
        TestRun.sh("haproxy -W -D -f " + cfg + " -p " + pid);
        assertEquals(200, Loopback.get(LB, port, "/").status());
    }

    @AfterEach
    void stop() throws Exception {
        if (Files.exists(pid)) {
            TestRun.sh("kill $(cat " + pid + ")");
        }
        app.stop(0);
    }

    private Map<String, Object> swap(String state) {
        Map<String, Object> m = new HashMap<>();
        m.put("config", cfg.toString());
        m.put("state", state);
        m.put("maintenance_page", page.toString());
        m.put("reload_command", "kill -USR2 $(cat " + pid + ")");
        m.put("check_url", "http://" + LB + ":" + port + "/");
        return m;
    }

    @Test
    void maintenanceAndBackWithoutConnectionErrorsAndIdempotent() throws Exception {
        String original = Files.readString(cfg);
        try (Loopback.RequestLoop loop = new Loopback.RequestLoop(LB, port)) {
            Thread.sleep(300);
            Outcome.Changed on = TestRun.expect(Outcome.Changed.class, TestRun.run(module, swap("maintenance")));
            assertTrue(on.diff().contains("+    # BEGIN runbook maintenance"), on.diff());
            Loopback.Response during = Loopback.get(LB, port, "/some/page");
            assertEquals(503, during.status());
            assertTrue(during.body().contains("Down for maintenance"), during.body());
            assertEquals(original, Files.readString(Path.of(cfg + ".previous")));
            assertFalse(Files.exists(Path.of(cfg + ".candidate")));

            assertEquals("open", on.data().get("maintenance_window"), "the changed outcome opens the window");
            Outcome.Ok stillOn = TestRun.expect(Outcome.Ok.class, TestRun.run(module, swap("maintenance")));
            assertEquals("open", stillOn.data().get("maintenance_window"), "already in maintenance: the window is open");
            Thread.sleep(300);

            Outcome.Changed off = TestRun.expect(Outcome.Changed.class, TestRun.run(module, swap("serving")));
            assertEquals("closed", off.data().get("maintenance_window"), "serving again closes the window");
            assertEquals(200, Loopback.get(LB, port, "/").status());
            assertEquals(original, Files.readString(cfg), "serving restores the original file byte for byte");
            Outcome.Ok stillOff = TestRun.expect(Outcome.Ok.class, TestRun.run(module, swap("serving")));
            assertEquals("closed", stillOff.data().get("maintenance_window"));
            Thread.sleep(300);
            loop.close();
            assertEquals(0, loop.errors(), loop.summary());
            assertTrue(loop.count(200) > 0 && loop.count(503) > 0, loop.summary());
        }
    }

    @Test
    void checkModeChangesNothing() throws Exception {
        String original = Files.readString(cfg);
        Outcome.Changed c = assertInstanceOf(Outcome.Changed.class, TestRun.run(module, swap("maintenance"), true, true));
        assertTrue(c.message().startsWith("would"), c.message());
        assertFalse(c.data().containsKey("maintenance_window"), "check mode opens no window");
        assertTrue(c.diff().contains("http-request return status 503"), c.diff());
        assertEquals(original, Files.readString(cfg));
        assertEquals(200, Loopback.get(LB, port, "/").status());
    }

    @Test
    void anInvalidConfigurationIsRefusedAndTheLoadBalancerKeepsServing() throws Exception {
        // Someone edited the live file after the last reload and broke it: the swap must not go live.
        Files.writeString(cfg, Files.readString(cfg) + "    bogus-keyword on\n");
        String broken = Files.readString(cfg);
        Outcome.Failed f = TestRun.expect(Outcome.Failed.class, TestRun.run(module, swap("maintenance")));
        assertFalse(f.data().containsKey("maintenance_window"), "a refused swap leaves the window as it was: no marker");
        assertTrue(f.message().contains("invalid") && f.message().contains("bogus-keyword"), f.message());
        assertEquals(broken, Files.readString(cfg), "live file untouched");
        assertFalse(Files.exists(Path.of(cfg + ".candidate")), "candidate removed");
        assertEquals(200, Loopback.get(LB, port, "/").status(), "still serving the old configuration");
    }

    @Test
    void aFailedPostReloadCheckRestoresThePreviousConfiguration() throws Exception {
        String original = Files.readString(cfg);
        Map<String, Object> args = swap("maintenance");
        args.put("check_url", "http://" + LB + ":" + Loopback.freePort(LB) + "/"); // nothing listens there
        args.put("check_timeout", java.time.Duration.ofSeconds(2));
        Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, TestRun.run(module, args));
        assertTrue(f.message().contains("restored and reloaded"), f.message());
        assertEquals(original, Files.readString(cfg));
        Thread.sleep(500);
        assertEquals(200, Loopback.get(LB, port, "/").status());
    }

    @Test
    void runtimeApiDrainsDisablesAndEnablesAServer() throws Exception {
        Map<String, Object> args = new HashMap<>(Map.of("server", "app/app1", "socket", dir.resolve("admin.sock").toString(), "wait", true));
        args.put("action", "drain");
        Outcome.Changed drained = assertInstanceOf(Outcome.Changed.class, TestRun.run(module, args));
        assertEquals("ready", drained.data().get("previous_state"));
        assertEquals(0L, drained.data().get("sessions"));
        assertInstanceOf(Outcome.Ok.class, TestRun.run(module, args), "already draining");

        args.put("action", "disable");
        assertInstanceOf(Outcome.Changed.class, TestRun.run(module, args));
        assertEquals(503, Loopback.get(LB, port, "/").status(), "no server left in the backend");

        args.put("action", "enable");
        Outcome.Changed enabled = assertInstanceOf(Outcome.Changed.class, TestRun.run(module, args));
        assertEquals("maint", enabled.data().get("previous_state"));
        assertEquals(200, Loopback.get(LB, port, "/").status());

        args.put("server", "app/nope");
        Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, TestRun.run(module, args));
        assertTrue(f.message().contains("no server app/nope"), f.message());
    }
}
