package dev.runbook.lab.probe;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe against a tiny local server that answers 200, then 503 for a known period, then 200. */
class TrafficProbeTest {
    private volatile int mode = 200;

    @Test
    void summaryMatchesAKnownTrafficPattern(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", ex -> {
            int status = mode;
            byte[] body = (status == 200 ? "ok" : "maintenance").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("X-Sim-Version", status == 200 ? "1.7.10" : "none");
            ex.getResponseHeaders().set("X-Sim-Node", "n1");
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
            ex.close();
        });
        server.start();
        Path out = dir.resolve("probe.jsonl");
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            TrafficProbe probe = new TrafficProbe(TrafficProbe.Options.of(url, 20, Duration.ofMinutes(1)).withOut(out)).start();
            Thread.sleep(1000);
            Instant maintenanceStart = Instant.now();
            mode = 503;
            Thread.sleep(1500);
            mode = 200;
            Instant maintenanceEnd = Instant.now();
            Thread.sleep(1000);
            ProbeSummary sum = probe.stop();

            assertTrue(sum.count(200) >= 20 && sum.count(503) >= 15, sum.byStatus().toString());
            assertEquals(sum.count(200) + sum.count(503), sum.total(), "nothing but 200 and 503: " + sum.byStatus());
            assertEquals(sum.count(503), sum.longest503().count(), "the 503s form one continuous window");
            // Send times of 503 answers lie inside the switch window (a request sent just before the switch may be answered after it).
            Duration slack = Duration.ofMillis(300);
            assertTrue(!sum.first503().isBefore(maintenanceStart.minus(slack)) && !sum.last503().isAfter(maintenanceEnd), sum.toMap().toString());
            assertTrue(sum.maintenanceWindow().duration().compareTo(Duration.ofMillis(1000)) > 0, sum.toMap().toString());
            assertEquals(0, sum.connectionErrors());

            List<String> lines = Files.readAllLines(out);
            assertEquals(sum.total(), lines.size());
            assertTrue(lines.get(0).contains("\"status\":200") && lines.get(0).contains("\"version\":\"1.7.10\""), lines.get(0));
            assertTrue(Files.readString(dir.resolve("probe.jsonl.summary.json")).contains("\"longest_503\":{"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusedConnectionsAreRecordedAsErrors() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        TrafficProbe probe = new TrafficProbe(new TrafficProbe.Options(URI.create("http://127.0.0.1:" + port + "/"), 50,
                Duration.ofSeconds(30), 5, Duration.ofSeconds(2), null)).start();
        ProbeSummary sum = probe.awaitDone();
        assertEquals(5, sum.total(), "bounded by the request count");
        assertEquals(5, sum.connectionErrors());
        assertTrue(sum.errors().get(0).contains("Connection refused"), sum.errors().toString());
    }
}
