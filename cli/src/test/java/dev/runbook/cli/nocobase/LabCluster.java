package dev.runbook.cli.nocobase;

import dev.runbook.lab.junit.Lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The lab's NocoBase cluster as the end-to-end tests see it: reset to a fresh, never-started
 * cluster at 1.7.10 (lab/cluster.sh reset), fault injection through the nodes' .env, the
 * simulator's hazard table and per-table checksums of the application database (read with psql
 * as the postgres superuser over the lab's socket).
 */
final class LabCluster {
    static final List<String> NODES = List.of("app1", "app2", "app3");
    private static final Path PG_SOCKET = Lab.STATE.resolve("pg-socket");

    private final Lab lab;

    LabCluster(Lab lab) {
        this.lab = lab;
    }

    /** Fresh databases (application and hazard bookkeeping), every node at 1.7.10 and stopped. */
    void reset() throws IOException, InterruptedException {
        sh(lab.repoRoot().resolve("lab/cluster.sh").toString(), "reset");
    }

    /** Starts the nodes in the documented order (the lab's own helper, not the runbook under test). */
    void startApps() throws IOException, InterruptedException {
        sh(lab.repoRoot().resolve("lab/cluster.sh").toString(), "start-apps");
    }

    /** Adds or replaces VAR=value in every node's .env (the simulator reads it at start). */
    void setEnv(String name, String value) throws IOException {
        for (String node : NODES) {
            Path env = Lab.STATE.resolve(node).resolve(".env");
            List<String> lines = new ArrayList<>(Files.readAllLines(env));
            lines.removeIf(l -> l.startsWith(name + "="));
            lines.add(name + "=" + value);
            Files.write(env, lines);
        }
    }

    String envVersion(String node) throws IOException {
        return Files.readAllLines(Lab.STATE.resolve(node).resolve(".env")).stream()
                .filter(l -> l.startsWith("NOCOBASE_VERSION=")).map(l -> l.substring(17)).findFirst().orElse("?");
    }

    /** Every hazard the simulator recorded since the last reset: kind, node, detail per line. */
    List<String> hazards() throws IOException, InterruptedException {
        return psql("nocobase_sim", "SELECT kind || ' ' || node || ': ' || detail FROM sim_hazards ORDER BY id");
    }

    /** Table name → md5 of all its rows in a stable order: equal maps mean equal data. */
    Map<String, String> checksums() throws IOException, InterruptedException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String table : psql("nocobase", "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
            String q = "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM public.\"" + table + "\" t";
            out.put(table, psql("nocobase", q).get(0));
        }
        return out;
    }

    String schemaVersion() throws IOException, InterruptedException {
        return psql("nocobase", "SELECT value FROM \"applicationVersion\" LIMIT 1").stream().findFirst().orElse("");
    }

    private List<String> psql(String db, String sql) throws IOException, InterruptedException {
        String out = sh("runuser", "-u", "postgres", "--", "/usr/lib/postgresql/15/bin/psql", "-h", PG_SOCKET.toString(),
                "-p", "5432", "-d", db, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql);
        return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
    }

    static String sh(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
