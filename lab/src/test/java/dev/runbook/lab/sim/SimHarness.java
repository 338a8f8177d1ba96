package dev.runbook.lab.sim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Runs in-process simulator nodes against one fresh database of the test PostgreSQL. */
final class SimHarness implements AutoCloseable {
    private final TestPostgres pg;
    private final Path dir;
    private final String database;
    private final List<SimNode> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    SimHarness(TestPostgres pg, Path dir) throws IOException, InterruptedException {
        this.pg = pg;
        this.dir = dir;
        this.database = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        pg.createDatabase(database);
    }

    /** The .env a lab node would have, plus {@code extra} keys. */
    Map<String, String> env(String version, String... extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("NOCOBASE_VERSION", version);
        env.put("DB_HOST", TestPostgres.HOST);
        env.put("DB_PORT", String.valueOf(pg.port()));
        env.put("DB_DATABASE", database);
        env.put("DB_USER", TestPostgres.USER);
        env.put("DB_PASSWORD", TestPostgres.PASSWORD);
        env.put("APP_HOST", TestPostgres.HOST);
        env.put("APP_PORT", "0");
        env.put("SIM_INSTALL_SECONDS", "1");
        env.put("SIM_MIGRATE_SECONDS", "1");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    /** Writes the env as a file, the way the lab's init scripts hand it to the simulator. */
    Path envFile(String node, Map<String, String> env) throws IOException {
        Path d = Files.createDirectories(dir.resolve(node));
        StringBuilder b = new StringBuilder("# test env\n");
        env.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Path f = d.resolve(".env");
        Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
        return f;
    }

    SimNode start(String node, String version, String... extra) throws IOException {
        SimConfig cfg = SimConfig.load(envFile(node, env(version, extra)));
        SimNode n = new SimNode(cfg, node, new SimLog(cfg.logFile(), node, null));
        nodes.add(n);
        n.start();
        return n;
    }

    Path log(String node) {
        return dir.resolve(node).resolve("app.log");
    }

    SimConfig config(String node) throws IOException {
        return SimConfig.load(dir.resolve(node).resolve(".env"));
    }

    HttpResponse<String> get(SimNode n, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + TestPostgres.HOST + ":" + n.port() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls the health check until it answers 200 "ok"; fails the test after {@code timeout}. */
    void awaitReady(SimNode n, Duration timeout) throws IOException, InterruptedException {
        Instant end = Instant.now().plus(timeout);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(end)) {
            last = get(n, "/api/__health_check");
            if (last.statusCode() == 200 && last.body().trim().equals("ok")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(n.node() + " not ready within " + timeout + "; last health answer: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    void awaitPhase(SimNode n, Phase phase, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (n.phase() != phase) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError(n.node() + " did not reach " + phase + " within " + timeout + " (is " + n.phase() + ")");
            }
            Thread.sleep(20);
        }
    }

    List<Hazard> hazards() throws SQLException, IOException {
        try (SimStore store = SimStore.open(anyConfig())) {
            return store.hazards(null);
        }
    }

    List<SimStore.Activity> activities() throws SQLException, IOException {
        try (SimStore store = SimStore.open(anyConfig())) {
            return store.activities();
        }
    }

    Optional<Version> schemaVersion() throws SQLException, IOException {
        try (AppSchema app = new AppSchema(anyConfig())) {
            return app.version();
        }
    }

    private SimConfig anyConfig() {
        return SimConfig.from(env("1.0.0"), "test", dir.resolve("x.log"));
    }

    @Override
    public void close() {
        for (SimNode n : nodes) {
            n.stop();
        }
    }
}
