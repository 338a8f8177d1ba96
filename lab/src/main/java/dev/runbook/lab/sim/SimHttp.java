package dev.runbook.lab.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runbook.lab.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The node's HTTP face: NocoBase's health check, app info, plugin list, a page, and hazard listing. */
final class SimHttp {
    private final SimNode node;
    private final HttpServer server;
    private final ExecutorService pool;

    SimHttp(SimNode node, String host, int port) throws IOException {
        this.node = node;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        this.pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "http-" + node.node());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            ex.getResponseHeaders().set("X-Sim-Node", node.node());
            ex.getResponseHeaders().set("X-Sim-Version", node.version().toString());
            if (path.equals("/api/__sim/hazards")) {
                hazards(ex);
                return;
            }
            Phase phase = node.phase();
            if (phase != Phase.SERVING) {
                notReady(ex, phase);
                return;
            }
            node.served(ex.getRequestMethod() + " " + path);
            switch (path) {
                case "/api/__health_check" -> send(ex, 200, "text/plain; charset=utf-8", "ok");
                case "/api/app:getInfo" -> json(ex, 200, Map.of("data", info()));
                case "/api/pm:listEnabled" -> plugins(ex);
                case "/", "/index.html" -> send(ex, 200, "text/html; charset=utf-8", page());
                default -> json(ex, 404, Map.of("errors", List.of(Map.of("message", "Not Found: " + path))));
            }
        }
    }

    private void notReady(HttpExchange ex, Phase phase) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", 503);
        error.put("code", phase.healthCode());
        error.put("message", switch (phase) {
            case PREPARING -> "APP is preparing, please wait patiently";
            case INSTALLING -> "APP is installing";
            case MIGRATING -> "APP is upgrading...";
            case FAILED -> "APP failed to start";
            default -> "APP is stopped";
        });
        error.put("maintaining", true);
        json(ex, 503, Map.of("error", error));
    }

    private Map<String, Object> info() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", node.reportedVersion());
        data.put("lang", "en-US");
        data.put("name", "main");
        data.put("theme", "default");
        data.put("node", node.node());
        return data;
    }

    private void plugins(HttpExchange ex) throws IOException {
        try {
            json(ex, 200, Map.of("data", node.enabledPlugins()));
        } catch (SQLException e) {
            json(ex, 500, Map.of("errors", List.of(Map.of("message", "cannot read applicationPlugins: " + e.getMessage()))));
        }
    }

    private void hazards(HttpExchange ex) throws IOException {
        Instant since = null;
        String since0 = query(ex.getRequestURI(), "since");
        if (since0 != null) {
            try {
                since = Instant.parse(since0);
            } catch (DateTimeParseException e) {
                json(ex, 400, Map.of("errors", List.of(Map.of("message", "since must be an ISO-8601 instant like 2025-01-01T00:00:00Z"))));
                return;
            }
        }
        try {
            json(ex, 200, node.hazards(since).stream().map(Hazard::toMap).toList());
        } catch (SQLException e) {
            json(ex, 503, Map.of("errors", List.of(Map.of("message", "cannot read sim_hazards: " + e.getMessage()))));
        }
    }

    private String page() {
        return "<!doctype html><html><head><title>NocoBase " + node.version() + "</title></head><body>"
                + "<h1>NocoBase (simulated)</h1><p>version <b id=\"version\">" + node.version() + "</b> on node <b id=\"node\">"
                + node.node() + "</b></p></body></html>\n";
    }

    private static String query(URI uri, String name) {
        String q = uri.getRawQuery();
        if (q == null) {
            return null;
        }
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equals(name)) {
                return URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", Json.write(body));
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
