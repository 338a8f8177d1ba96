package dev.runbook.lab.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app nodes' sysv init script (lab/initd/nocobase-app.in), rendered for a private node in a
 * temp directory so the shared lab cluster is not disturbed: LSB status codes, idempotent start,
 * stop that waits for the process, and a graceful SIGTERM (activity row removed).
 */
@ExtendWith(PostgresExtension.class)
class InitScriptTest {
    private static final String ADDR = "127.0.10.31";

    @Test
    void startStopStatusBehaveLikeAnLsbService(TestPostgres pg, @TempDir Path tmp) throws Exception {
        SimHarness sim = new SimHarness(pg, tmp);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ADDR))) {
            port = s.getLocalPort();
        }
        Path env = sim.envFile("itest", sim.env("1.7.10", "APP_HOST", ADDR, "APP_PORT", String.valueOf(port)));
        Path template = Path.of("initd/nocobase-app.in").toAbsolutePath();
        String script = Files.readString(template)
                .replace("@NAME@", "nocobase-itest").replace("@NODE@", "itest")
                .replace("@DIR@", env.getParent().toString())
                .replace("@JAR@", System.getProperty("java.class.path"))
                .replace("@RUN_AS@", "root");
        Path init = tmp.resolve("nocobase-itest");
        Files.writeString(init, script);
        Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rwxr-xr-x"));

        try {
            assertEquals(3, sh(init, "status"), "never started: LSB 'not running'");
            assertEquals(0, sh(init, "start"));
            assertEquals(0, sh(init, "start"), "starting twice is harmless");
            assertEquals(0, sh(init, "status"));
            awaitHealthOk("http://" + ADDR + ":" + port + "/api/__health_check");
            assertEquals(List.of("itest"), sim.activities().stream().map(SimStore.Activity::node).toList());

            assertEquals(0, sh(init, "stop"));
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(ADDR, port), 1000);
                }
            }, "stop returns only after the node is gone");
            assertEquals(3, sh(init, "status"));
            assertEquals(0, sh(init, "stop"), "stopping a stopped node is fine");
            assertTrue(Files.readString(env.resolveSibling("app.log")).contains("received stop"), "SIGTERM ends the node gracefully");
            assertEquals(List.of(), sim.activities(), "the shutdown hook removed the activity row");
        } finally {
            sh(init, "stop");
        }
    }

    private static void awaitHealthOk(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant end = Instant.now().plusSeconds(60);
        String last = "nothing";
        while (Instant.now().isBefore(end)) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().equals("ok")) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("node not ready within 60 s: " + last);
    }

    private static int sh(Path script, String action) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(script.toString(), action).redirectErrorStream(true).start();
        p.getOutputStream().close();
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + " " + action + " did not finish");
        }
        return p.exitValue();
    }
}
