package dev.runbook.lab.cluster;

import dev.runbook.lab.junit.Lab;
import dev.runbook.lab.junit.LabExtension;
import dev.runbook.lab.probe.ProbeSummary;
import dev.runbook.lab.probe.TrafficProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab's real services: simulator nodes under their init scripts behind HAProxy and Nginx.
 * The lab is shared with other test runs, so this test only starts nodes (start-apps, in the
 * documented order) and reloads HAProxy (seamless); it never stops anything.
 */
@ExtendWith(LabExtension.class)
class LabClusterTest {
    private Lab lab;

    @BeforeEach
    void startApps(Lab lab) throws Exception {
        this.lab = lab;
        run(List.of(lab.repoRoot().resolve("lab/cluster.sh").toString(), "start-apps"), 0);
    }

    private static ProbeSummary probe(String url, double rate, Duration duration, Runnable during) throws Exception {
        TrafficProbe p = new TrafficProbe(TrafficProbe.Options.of(URI.create(url), rate, duration)).start();
        during.run();
        return p.awaitDone();
    }

    @Test
    void haproxyAndNginxBalanceAcrossAllThreeNodes() throws Exception {
        for (String url : List.of("http://127.0.10.1:8080/", "http://127.0.10.1:8081/")) {
            ProbeSummary s = probe(url, 30, Duration.ofSeconds(2), () -> { });
            assertEquals(Set.of("app1", "app2", "app3"), s.byNode().keySet(), url + " " + s.toMap());
            assertEquals(s.total(), s.count(200), url + " " + s.toMap());
        }
    }

    @Test
    void haproxyReloadDropsNoRequest() throws Exception {
        ProbeSummary s = probe("http://127.0.10.1:8080/", 50, Duration.ofSeconds(4), () -> {
            try {
                for (int i = 0; i < 3; i++) {
                    Thread.sleep(700);
                    run(List.of("/usr/sbin/service", "runbook-lab-haproxy", "reload"), 0);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(0, s.connectionErrors(), s.toMap().toString());
        assertEquals(s.total(), s.count(200), s.toMap().toString());
    }

    @Test
    void inventoryNamesTheServicesRunbooksNeed() throws IOException {
        String inv = Files.readString(lab.inventory());
        for (String expected : List.of("app_service: nocobase-app2", "app_url: http://127.0.10.13:13000",
                "app_env_file: /var/lib/runbook-lab/app1/.env", "haproxy_socket: /var/lib/runbook-lab/haproxy/admin.sock",
                "nginx_site: /var/lib/runbook-lab/nginx/site.conf", "lb_url_nginx: http://127.0.10.1:8081",
                "pgpass: /home/deploy/.pgpass", "db_host: 127.0.10.20")) {
            assertTrue(inv.contains(expected), "inventory lacks '" + expected + "'");
        }
    }

    /** Runs a command; {@code expect} >= 0 fails the test on any other exit code. Returns the exit code. */
    private static int run(List<String> cmd, int expect) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        if (expect >= 0 && p.exitValue() != expect) {
            throw new AssertionError(cmd + " exited " + p.exitValue() + ":\n" + out);
        }
        return p.exitValue();
    }
}
