package dev.runbook.modules.nginx;

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

/** Against a real Nginx on 127.0.20.3 (its own nginx.conf including a site file) in front of a tiny app on 127.0.20.1. */
class NginxModuleTest {

    private static final String LB = "127.0.20.3";

    @TempDir
    Path dir;
    private HttpServer app;
    private int port;
    private Path conf;
    private Path site;
    private Path pid;
    private Path page;
    private final NginxModule module = new NginxModule();

    @BeforeEach
    void start() throws Exception {
        app = Loopback.app("127.0.20.1");
        port = Loopback.freePort(LB);
        conf = dir.resolve("nginx.conf");
        site = dir.resolve("site.conf");
        pid = dir.resolve("nginx.pid");
        Path www = Files.createDirectories(dir.resolve("www"));
        page = www.resolve("maintenance.html");
        Files.writeString(page, "<html><body><h1>Down for maintenance</h1></body></html>\n");
        NginxTestConfig.writeMain(dir, conf);
        Files.writeString(site, """
                upstream app_nodes {
                    server 127.0.20.1:%3$d;
                }

                server {
                    listen %1$s:%2$d;
                    # the application
                    location / {
                        proxy_pass http://app_nodes;
                    }

                    location /api/ {
                        proxy_pass http://app_nodes;   # same nodes, own location
                    }
                }
                """.formatted(LB, port, app.getAddress().getPort()));
        TestRun.sh("nginx -e " + dir.resolve("error.log") + " -c " + conf);
        assertEquals(200, Loopback.get(LB, port, "/").status());
    }

    @AfterEach
    void stop() throws Exception {
        if (Files.exists(pid)) {
            TestRun.sh("kill -QUIT $(cat " + pid + ")");
        }
        app.stop(0);
    }

    private Map<String, Object> swap(String state) {
        Map<String, Object> m = new HashMap<>();
        m.put("site", site.toString());
        m.put("state", state);
        m.put("maintenance_page", page.toString());
        m.put("test_command", "nginx -e " + dir.resolve("error.log") + " -t -c " + conf);
        m.put("reload_command", "nginx -e " + dir.resolve("error.log") + " -c " + conf + " -s reload");
        m.put("check_url", "http://" + LB + ":" + port + "/api/x");
        return m;
    }

    @Test
    void maintenanceAndBackWithoutConnectionErrorsAndIdempotent() throws Exception {
        String original = Files.readString(site);
        try (Loopback.RequestLoop loop = new Loopback.RequestLoop(LB, port)) {
            Thread.sleep(300);
            Outcome.Changed on = TestRun.expect(Outcome.Changed.class, TestRun.run(module, swap("maintenance")));
            assertTrue(on.diff().contains("+    # runbook off: location / {"), on.diff());
            for (String path : new String[]{"/", "/api/__health_check", "/maintenance.html"}) {
                Loopback.Response r = Loopback.get(LB, port, path);
                assertEquals(503, r.status(), path);
                assertTrue(r.body().contains("Down for maintenance"), path + ": " + r.body());
            }
            assertEquals(original, Files.readString(Path.of(site + ".previous")));
            assertEquals("open", on.data().get("maintenance_window"), "the changed outcome opens the window");
            Outcome.Ok stillOn = TestRun.expect(Outcome.Ok.class, TestRun.run(module, swap("maintenance")));
            assertEquals("open", stillOn.data().get("maintenance_window"), "already in maintenance: the window is open");
            Thread.sleep(300);

            Outcome.Changed off = TestRun.expect(Outcome.Changed.class, TestRun.run(module, swap("serving")));
            assertEquals("closed", off.data().get("maintenance_window"), "serving again closes the window");
            assertEquals(200, Loopback.get(LB, port, "/api/x").status());
            assertEquals(original, Files.readString(site), "serving restores the site byte for byte");
            Outcome.Ok stillOff = TestRun.expect(Outcome.Ok.class, TestRun.run(module, swap("serving")));
            assertEquals("closed", stillOff.data().get("maintenance_window"));
            Thread.sleep(300);
            loop.close();
            assertEquals(0, loop.errors(), loop.summary());
            assertTrue(loop.count(200) > 0 && loop.count(503) > 0, loop.summary());
        }
    }

    @Test
    void checkModeChangesNothingAndMarksNoWindow() throws Exception {
        String original = Files.readString(site);
        Outcome.Changed c = assertInstanceOf(Outcome.Changed.class, TestRun.run(module, swap("maintenance"), true, true));
        assertTrue(c.message().startsWith("would"), c.message());
        assertFalse(c.data().containsKey("maintenance_window"), "check mode opens no window");
        Outcome.Ok ok = assertInstanceOf(Outcome.Ok.class, TestRun.run(module, swap("serving"), true, true));
        assertFalse(ok.data().containsKey("maintenance_window"), "not even for an ok outcome in check mode");
        assertEquals(original, Files.readString(site));
        assertEquals(200, Loopback.get(LB, port, "/").status());
    }

    @Test
    void anInvalidSiteIsRefusedRestoredAndNginxKeepsServing() throws Exception {
        // A broken edit made after the last reload: the test fails, the file is put back, nothing reloads.
        String broken = Files.readString(site).replace("    # the application\n", "    bogus_directive on;\n");
        Files.writeString(site, broken);
        Outcome.Failed f = TestRun.expect(Outcome.Failed.class, TestRun.run(module, swap("maintenance")));
        assertFalse(f.data().containsKey("maintenance_window"), "a refused swap leaves the window as it was: no marker");
        assertTrue(f.message().contains("invalid") && f.message().contains("bogus_directive"), f.message());
        assertEquals(broken, Files.readString(site));
        assertEquals(200, Loopback.get(LB, port, "/").status());
    }

    @Test
    void refusesAMaintenancePageThatWouldInjectConfiguration() throws Exception {
        String original = Files.readString(site);
        Map<String, Object> args = swap("maintenance");
        args.put("maintenance_page", dir + "/x; return 200 \"owned\"");
        Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, TestRun.run(module, args));
        assertTrue(f.message().contains("maintenance_page"), f.message());
        assertEquals(original, Files.readString(site));
    }
}
