package dev.runbook.lab.sim;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 cluster on 127.0.10.30 for the simulator tests: initdb in a temp
 * directory (as the postgres user, since initdb refuses root), one per test JVM, stopped and
 * deleted when the JUnit root context closes.
 */
final class TestPostgres implements AutoCloseable {
    static final String HOST = "127.0.10.30";
    static final String USER = "nocobase";
    static final String PASSWORD = "nocobase-test";
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestPostgres.class);

    private final Path dir;
    private final int port;

    private TestPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    int port() {
        return port;
    }

    /** The JVM-wide instance, started on first use. */
    static TestPostgres get(ExtensionContext ctx) {
        return ctx.getRoot().getStore(NS).computeIfAbsent("pg", k -> {
            try {
                return start();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot start the test PostgreSQL: " + e.getMessage(), e);
            }
        }, TestPostgres.class);
    }

    private static TestPostgres start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException(BIN + "/initdb is missing: install postgresql-15 (lab/install)");
        }
        Path dir = Files.createTempDirectory("runbook-lab-testpg-");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            port = s.getLocalPort();
        }
        run(List.of("chown", "postgres:postgres", dir.toString()));
        Path data = dir.resolve("data");
        asPostgres(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"));
        Files.writeString(data.resolve("postgresql.auto.conf"), String.join("\n",
                "listen_addresses = '" + HOST + "'",
                "port = " + port,
                "unix_socket_directories = '" + dir + "'",
                "fsync = off", "synchronous_commit = off", "full_page_writes = off",
                "shared_buffers = 16MB", "max_connections = 100", ""), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        // Simulator nodes connect from loopback addresses other than 127.0.10.30 itself.
        Files.writeString(data.resolve("pg_hba.conf"), "local all all trust\nhost all all 127.0.0.0/8 scram-sha-256\n");
        run(List.of("chown", "-R", "postgres:postgres", data.toString()));
        asPostgres(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("pg.log").toString(),
                "-w", "-t", "60", "start"));
        TestPostgres pg = new TestPostgres(dir, port);
        pg.psql("CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'");
        return pg;
    }

    void createDatabase(String name) throws IOException, InterruptedException {
        psql("CREATE DATABASE \"" + name + "\" OWNER " + USER);
    }

    void psql(String sql) throws IOException, InterruptedException {
        asPostgres(List.of(BIN.resolve("psql").toString(), "-h", dir.toString(), "-p", String.valueOf(port), "-U", "postgres",
                "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asPostgres(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void asPostgres(List<String> cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(cmd);
        run(full);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(Path.of("/").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
            throw new IOException("failed (exit " + p.exitValue() + "): " + String.join(" ", cmd) + "\n" + out);
        }
    }
}
