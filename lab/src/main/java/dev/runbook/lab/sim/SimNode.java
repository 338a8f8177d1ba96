package dev.runbook.lab.sim;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One simulated NocoBase node: answers HTTP at once (503 while not ready), connects to PostgreSQL,
 * then installs, migrates, refuses a newer schema, or just starts, and records hazards.
 * Usable in-process (tests) and from {@link Simulator#main}.
 */
public final class SimNode implements AutoCloseable {
    /** Exit codes, as the process reports them. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_ERROR = 1;
    public static final int EXIT_MIGRATION_FAILED = 2;
    public static final int EXIT_NEWER_SCHEMA = 3;

    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    private static final Duration DB_WAIT = Duration.ofSeconds(30);
    private static final Duration GUARD_CACHE = Duration.ofMillis(500);
    private static final Duration FRESH = Duration.ofSeconds(3);

    private final SimConfig cfg;
    private final String node;
    private final SimLog log;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicBoolean ending = new AtomicBoolean();
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "heartbeat"));
    private volatile Phase phase = Phase.PREPARING;
    private volatile String lastError;
    private volatile SimStore store;
    private volatile SimStore heartbeatStore;
    private volatile AppSchema app;
    private SimHttp http;
    private Thread setup;

    private Instant lastGuard = Instant.EPOCH;
    private Optional<Version> cachedDbVersion = Optional.empty();

    public SimNode(SimConfig cfg, String node, SimLog log) {
        this.cfg = cfg;
        this.node = node;
        this.log = log;
    }

    /** Binds the HTTP port and begins start-up in the background; returns at once. */
    public synchronized void start() throws IOException {
        http = new SimHttp(this, cfg.appHost(), cfg.appPort());
        log.info("NocoBase " + cfg.version() + " starting on " + cfg.appHost() + ":" + http.port() + " (node " + node + ")");
        setup = new Thread(this::startUp, "setup-" + node);
        setup.setDaemon(true);
        setup.start();
    }

    public int port() {
        return http.port();
    }

    public String node() {
        return node;
    }

    public Version version() {
        return cfg.version();
    }

    public Phase phase() {
        return phase;
    }

    /** Waits for the node to end by itself (failure) or by {@link #stop()}; returns its exit code. */
    public int awaitExit() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            return EXIT_ERROR;
        }
    }

    /** The exit code if the node ended within {@code timeout}, else empty. */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(EXIT_ERROR);
        }
    }

    private void startUp() {
        try {
            sleep(cfg.slowStart());
            connect();
            heartbeat.scheduleAtFixedRate(this::beat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
            if (cfg.neverReady()) {
                log.info("SIM_NEVER_READY=true: staying in APP_PREPARING");
                return;
            }
            Optional<Version> schema = app.version();
            if (schema.isEmpty()) {
                enterSetup(Phase.INSTALLING);
                log.info("installing NocoBase " + cfg.version() + " into an empty database...");
                sleep(cfg.installTime());
                app.install(cfg.version(), node);
                log.info("installed NocoBase " + cfg.version() + " and its built-in plugins");
            } else if (schema.get().newerThan(cfg.version())) {
                String msg = "the database schema is at version " + schema.get() + ", newer than this application ("
                        + cfg.version() + "); downgrading is not supported: restore the backup taken before the upgrade"
                        + " and start the old version, or start version " + schema.get();
                record(HazardKind.NEWER_SCHEMA, "start of " + cfg.version() + " refused: " + msg);
                log.error("refusing to start: " + msg);
                end(EXIT_NEWER_SCHEMA);
                return;
            } else if (cfg.version().newerThan(schema.get())) {
                enterSetup(Phase.MIGRATING);
                log.info("upgrading... from " + schema.get() + " to " + cfg.version());
                sleep(cfg.migrateTime());
                if (cfg.failMigration()) {
                    log.error("upgrade from " + schema.get() + " to " + cfg.version() + " failed: migration "
                            + cfg.version() + "/update-plugins threw (SIM_FAIL_MIGRATION=true); the transaction was rolled back,"
                            + " the database stays at " + schema.get());
                    end(EXIT_MIGRATION_FAILED);
                    return;
                }
                app.migrate(cfg.version(), node);
                log.info("upgraded from " + schema.get() + " to " + cfg.version());
            }
            synchronized (this) {
                if (phase == Phase.STOPPED) {
                    return;
                }
                phase = Phase.SERVING;
            }
            beat();
            log.info("app has been started");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            if (phase != Phase.STOPPED) {
                log.error("start-up failed: " + e.getMessage());
                end(EXIT_ERROR);
            }
        }
    }

    private void connect() throws InterruptedException, SQLException {
        Instant deadline = Instant.now().plus(DB_WAIT);
        while (true) {
            try {
                store = SimStore.open(cfg);
                heartbeatStore = SimStore.open(cfg);
                app = new AppSchema(cfg);
                app.version();
                return;
            } catch (SQLException e) {
                closeDbs();
                if (Instant.now().isAfter(deadline)) {
                    throw new SQLException("cannot reach PostgreSQL at " + cfg.dbHost() + ":" + cfg.dbPort() + "/" + cfg.dbDatabase()
                            + " as " + cfg.dbUser() + " within " + DB_WAIT.toSeconds() + " s: " + e.getMessage(), e);
                }
                log.info("waiting for the database: " + e.getMessage());
                Thread.sleep(1000);
            }
        }
    }

    private void enterSetup(Phase setupPhase) throws SQLException {
        phase = setupPhase;
        heartbeatStore.heartbeat(node, phase.activity(), cfg.version().toString());
        checkConcurrentSetup();
    }

    private void beat() {
        SimStore s = heartbeatStore;
        if (s == null || phase == Phase.STOPPED || phase == Phase.FAILED) {
            return;
        }
        try {
            s.heartbeat(node, phase.activity(), cfg.version().toString());
            if (phase.isSetup()) {
                checkConcurrentSetup();
            }
        } catch (SQLException e) {
            logOnce("heartbeat failed: " + e.getMessage());
        }
    }

    /** Records every other node that is installing or migrating the same database right now. */
    private void checkConcurrentSetup() throws SQLException {
        for (SimStore.Activity other : heartbeatStore.freshSetups(node)) {
            record(HazardKind.CONCURRENT_SETUP, node + " is " + phase.activity() + " (" + cfg.version() + ") while "
                    + other.node() + " is " + other.phase() + " (" + other.version() + ") the same database",
                    "concurrent:" + other.node());
        }
    }

    /**
     * Called for every request the node answers as a working application. Checks (at most every
     * 500 ms) that the schema matches this node's version and that no other node migrates it.
     */
    void served(String what) {
        List<SimStore.Activity> migrating = List.of();
        Optional<Version> dbVersion;
        synchronized (this) {
            Instant now = Instant.now();
            if (Duration.between(lastGuard, now).compareTo(GUARD_CACHE) < 0) {
                return;
            }
            lastGuard = now;
            try {
                cachedDbVersion = app.version();
                Instant freshAfter = now.minus(FRESH);
                migrating = store.activities().stream()
                        .filter(a -> !a.node().equals(node) && a.phase().equals(Phase.MIGRATING.activity())
                                && a.updatedAt().isAfter(freshAfter) && !a.version().equals(cfg.version().toString()))
                        .toList();
            } catch (SQLException e) {
                logOnce("hazard check failed: " + e.getMessage());
                return;
            }
            dbVersion = cachedDbVersion;
        }
        if (dbVersion.isPresent() && dbVersion.get().compareTo(cfg.version()) != 0) {
            record(HazardKind.VERSION_MISMATCH, node + " served " + what + " as version " + cfg.version()
                    + " while the database schema is at " + dbVersion.get(), "mismatch:" + dbVersion.get());
        }
        for (SimStore.Activity m : migrating) {
            record(HazardKind.SERVED_DURING_MIGRATION, node + " (" + cfg.version() + ") served " + what + " while "
                    + m.node() + " was migrating the schema to " + m.version(), "during:" + m.node() + ":" + m.version());
        }
    }

    /** Logs a repeating error once until a different one occurs (the database may be away for a restore). */
    private void logOnce(String message) {
        if (!message.equals(lastError)) {
            lastError = message;
            log.error(message);
        }
    }

    /** The schema version last seen by the serve check, else this node's version. */
    synchronized String reportedVersion() {
        return cachedDbVersion.orElse(cfg.version()).toString();
    }

    List<Map<String, Object>> enabledPlugins() throws SQLException {
        return app.enabledPlugins();
    }

    List<Hazard> hazards(Instant since) throws SQLException {
        SimStore s = store;
        if (s == null) {
            throw new SQLException("not connected to the database yet");
        }
        return s.hazards(since);
    }

    private void record(HazardKind kind, String detail) {
        record(kind, detail, kind.code());
    }

    /** Records a hazard once per node run and {@code key}: a serving node would otherwise record one per request. */
    private void record(HazardKind kind, String detail, String key) {
        if (!recorded.add(kind.code() + "|" + key)) {
            return;
        }
        log.error("HAZARD " + kind.code() + ": " + detail);
        try {
            store.record(node, kind, detail);
        } catch (SQLException e) {
            log.error("cannot record hazard " + kind.code() + ": " + e.getMessage());
        }
    }

    /** Stops serving, removes this node's activity row and ends with exit code 0. Idempotent. */
    public void stop() {
        synchronized (this) {
            if (exit.isDone()) {
                return;
            }
            phase = Phase.STOPPED;
        }
        log.info("received stop: shutting down");
        if (setup != null) {
            setup.interrupt();
        }
        end(EXIT_OK);
    }

    private void end(int code) {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        if (code != EXIT_OK) {
            phase = Phase.FAILED;
        }
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (http != null) {
            http.stop();
        }
        SimStore s = heartbeatStore;
        if (s != null) {
            try {
                s.removeActivity(node);
            } catch (SQLException e) {
                log.error("cannot remove activity row: " + e.getMessage());
            }
        }
        closeDbs();
        log.info(code == EXIT_OK ? "stopped" : "exiting with status " + code);
        exit.complete(code);
    }

    private void closeDbs() {
        if (store != null) {
            store.close();
        }
        if (heartbeatStore != null) {
            heartbeatStore.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
