package dev.runbook.cli.nocobase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbook.lab.junit.Lab;
import dev.runbook.lab.junit.LabExtension;
import dev.runbook.lab.probe.ProbeSummary;
import dev.runbook.lab.probe.Sample;
import dev.runbook.lab.probe.TrafficProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped NocoBase runbooks against the lab (real sshd, HAProxy, Nginx, PostgreSQL, the
 * simulator), through the real CLI, with the traffic probe running through each run. The
 * simulator's hazard table is the judge of the procedure; the negative controls prove it would
 * catch a wrong order.
 */
@ExtendWith(LabExtension.class)
@TestMethodOrder(MethodOrderer.MethodName.class)
class NocobaseRunbooksTest {
    private static final String OLD = "1.7.10";
    private static final String NEW = "1.7.14";
    /** The engine's window is measured between the load balancer steps' completions; the modules
     * return only after their check URL showed the new state on consecutive requests (up to ~1 s
     * at the lab's 250 ms poll), the SSH round trip adds well under 1 s, and the probe samples every
     * 50 ms: 3 s bounds the difference without hiding a wrong window (the lab's is ~20 s). */
    private static final Duration WINDOW_TOLERANCE = Duration.ofSeconds(3);

    private final Lab lab;
    private final LabCluster cluster;
    private final Path repo;

    NocobaseRunbooksTest(Lab lab) {
        this.lab = lab;
        this.cluster = new LabCluster(lab);
        this.repo = lab.repoRoot();
    }

    @BeforeEach
    void freshCluster() throws Exception {
        cluster.reset();
    }

    private Path runbook(String name) {
        return repo.resolve("runbooks/nocobase").resolve(name);
    }

    private static Path resource(String name) {
        return Path.of("src/test/resources/nocobase").resolve(name).toAbsolutePath();
    }

    private TrafficProbe probe(String lbKind) throws Exception {
        String url = lbKind.equals("nginx") ? "http://127.0.10.1:8081/" : "http://127.0.10.1:8080/";
        return new TrafficProbe(TrafficProbe.Options.of(URI.create(url), 20, Duration.ofMinutes(5))).start();
    }

    private RunbookProcess run(Path runbook, String... extra) throws Exception {
        return RunbookProcess.run(repo, runbook, lab.inventory(), extra);
    }

    private void firstStart() throws Exception {
        RunbookProcess p = run(runbook("first-start.yml"));
        assertEquals(0, p.exitCode(), p.transcript());
    }

    @Test
    void a_firstStartOnAnEmptyDatabaseStartsOneNodeThenTheOthers() throws Exception {
        TrafficProbe probe = probe("haproxy");
        RunbookProcess p = run(runbook("first-start.yml"));
        Thread.sleep(3000); // let the probe see the cluster after the run
        ProbeSummary seen = probe.stop();

        assertEquals(0, p.exitCode(), p.transcript());
        assertEquals(List.of(), cluster.hazards(), "the simulator saw a procedure violation");
        for (String node : LabCluster.NODES) {
            assertEquals(1, p.finished("all-ready.health").stream().filter(e -> e.path("host").asText().equals(node)
                    && e.path("status").asText().equals("ok")).count(), node + " not ready\n" + p.transcript());
        }
        Instant firstReady = p.finishedAt("start-first.ready.health", "ok").orElseThrow();
        Instant restStarted = p.finished("start-rest.service").stream().map(e -> Instant.parse(e.path("at").asText()))
                .min(Instant::compareTo).orElseThrow();
        assertTrue(firstReady.isBefore(restStarted), "the other nodes started before the first was ready");
        assertEquals(OLD, cluster.schemaVersion());
        List<Sample> last = probe.samples().stream().filter(s -> s.at().isAfter(Instant.now().minusSeconds(3))).toList();
        assertTrue(last.stream().allMatch(s -> s.status() == 200), "after the run every request is served: " + seen.byStatus());
        assertEquals(3, last.stream().map(Sample::node).distinct().count(), "traffic reaches all three nodes: " + seen.byNode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"haproxy", "nginx"})
    void b_upgradeShowsOnlyTheMaintenancePageThenTheNewVersion(String lbKind) throws Exception {
        firstStart();
        TrafficProbe probe = probe(lbKind);
        Thread.sleep(1000);
        RunbookProcess p = run(runbook("upgrade.yml"), "-e", "version=" + NEW, "-e", "lb_kind=" + lbKind);
        Instant runEnded = Instant.now();
        Thread.sleep(3000);
        ProbeSummary seen = probe.stop();

        assertEquals(0, p.exitCode(), p.transcript());
        assertEquals(List.of(), cluster.hazards(), "the simulator saw a procedure violation");
        assertEquals(0, seen.connectionErrors(), "connection errors: " + seen.errors());
        assertEquals(0, seen.status502(), "502 answers");
        assertEquals(0, seen.unexpected(), "only 200 and the maintenance 503: " + seen.byStatus());
        assertTrue(seen.maintenanceWindow() != null, "the probe never saw the maintenance page");
        // The guarantee: from the moment the engine reports the load balancer in maintenance until it
        // starts switching back, every answer is the maintenance page. While a switch is in progress
        // (graceful reload: old workers may take a last request) old or new answers are both fine.
        Instant inMaintenance = p.finishedAt("lb-maintenance." + lbKind, "changed").orElseThrow();
        Instant switchingBack = p.events().stream()
                .filter(e -> e.path("type").asText().equals("step_started") && e.path("step").asText().equals("lb-serving." + lbKind))
                .map(e -> Instant.parse(e.path("at").asText())).findFirst().orElseThrow();
        Instant first503 = seen.first503();
        Instant last503 = seen.last503();
        for (Sample s : probe.samples()) {
            if (s.at().isAfter(inMaintenance) && s.at().isBefore(switchingBack)) {
                assertEquals(503, s.status(), "inside the window every answer is the maintenance page: " + s);
            } else if (s.at().isAfter(last503) && s.status() == 200) {
                assertEquals(NEW, s.version(), "after the window only the new version serves: " + s);
            } else if (s.at().isBefore(first503)) {
                assertEquals(OLD, s.version(), "before the window the old version serves: " + s);
            }
        }
        assertTrue(probe.samples().stream().filter(s -> s.at().isAfter(inMaintenance) && s.at().isBefore(switchingBack)).count() > 20,
                "the probe ran through the window");
        assertTrue(probe.samples().stream().anyMatch(s -> s.at().isAfter(runEnded) && s.status() == 200 && NEW.equals(s.version())));
        for (String node : LabCluster.NODES) {
            assertEquals(NEW, cluster.envVersion(node));
        }
        assertEquals(NEW, cluster.schemaVersion());

        JsonNode backup = p.finished("backup.dump").get(0);
        assertEquals("changed", backup.path("status").asText(), p.transcript());
        Path dump = Path.of(backup.path("registered").path("path").asText(backup.path("data").path("path").asText()));
        assertTrue(Files.isRegularFile(dump), "backup file " + dump);
        assertTrue(Files.isRegularFile(Path.of(dump + ".sha256")), "backup checksum file");
        assertTrue(p.transcript().contains("verified"), "the backup was verified");

        Instant engineStart = p.finishedAt("lb-maintenance." + lbKind, "changed").orElseThrow();
        Instant engineEnd = p.finishedAt("lb-serving." + lbKind, "changed").orElseThrow();
        Duration engine = Duration.between(engineStart, engineEnd);
        Duration measured = seen.maintenanceWindow().duration();
        assertTrue(engine.minus(measured).abs().compareTo(WINDOW_TOLERANCE) <= 0,
                "engine window " + engine + " vs probe " + measured);
    }

    @Test
    void c_aFailedMigrationIsRolledBackToTheOldVersionAndTheSameData() throws Exception {
        firstStart();
        Map<String, String> before = cluster.checksums();
        cluster.setEnv("SIM_FAIL_MIGRATION", "true");
        TrafficProbe probe = probe("haproxy");
        RunbookProcess p = run(runbook("upgrade.yml"), "-e", "version=" + NEW, "-e", "upgrade_timeout=40s");
        Thread.sleep(3000);
        ProbeSummary seen = probe.stop();

        assertEquals(1, p.exitCode(), p.transcript());
        List<String> undone = p.undone().stream().map(e -> e.path("step").asText()).distinct().toList();
        assertEquals(List.of("set-version", "backup.dump", "stop-first", "stop-rest", "lb-maintenance.haproxy"), undone,
                "the undo chain in reverse completion order\n" + p.transcript());
        assertTrue(p.undone().stream().allMatch(e -> List.of("ok", "changed").contains(e.path("status").asText())), p.transcript());
        for (String node : LabCluster.NODES) {
            assertEquals(OLD, cluster.envVersion(node));
        }
        assertEquals(before, cluster.checksums(), "every table as before the run");
        assertEquals(List.of(), cluster.hazards());
        assertEquals(0, seen.connectionErrors(), "connection errors: " + seen.errors());
        List<Sample> after = probe.samples().stream().filter(s -> s.at().isAfter(seen.last503())).toList();
        assertFalse(after.isEmpty());
        assertTrue(after.stream().allMatch(s -> s.status() == 200 && OLD.equals(s.version())), "the old version serves again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"haproxy", "nginx"})
    void d_maintenanceKeepsTheClusterServingThroughOneNode(String lbKind) throws Exception {
        firstStart();
        TrafficProbe probe = probe(lbKind);
        Thread.sleep(1000);
        RunbookProcess p = run(runbook("maintenance.yml"), "-e", "lb_kind=" + lbKind,
                "-e", "maintenance_command=test -f .env && sleep 3 && echo plugin enabled");
        Instant runEnded = Instant.now();
        Thread.sleep(3000);
        ProbeSummary seen = probe.stop();

        assertEquals(0, p.exitCode(), p.transcript());
        assertEquals(List.of(), cluster.hazards());
        assertEquals(Map.of("200", seen.total()), seen.byStatus(), "every request answered by the cluster");
        Instant workStart = p.finished("stop-rest").stream().map(e -> Instant.parse(e.path("at").asText())).max(Instant::compareTo).orElseThrow();
        Instant workEnd = p.finishedAt("verify.health", "ok").orElseThrow();
        assertTrue(probe.samples().stream().filter(s -> s.at().isAfter(workStart) && s.at().isBefore(workEnd))
                .allMatch(s -> "app1".equals(s.node())), "only the remaining node serves while the others are down");
        assertEquals(3, probe.samples().stream().filter(s -> s.at().isAfter(runEnded)).map(Sample::node).distinct().count(),
                "all nodes back: " + seen.byNode());
    }

    @Test
    void e_negativeControl_allNodesStartedTogetherOnAnEmptyDatabaseIsCaught() throws Exception {
        RunbookProcess p = run(resource("wrong-all-at-once.yml"));
        assertEquals(0, p.exitCode(), p.transcript());
        assertTrue(cluster.hazards().stream().anyMatch(h -> h.startsWith("concurrent_setup")), "hazards: " + cluster.hazards());
    }

    @Test
    void f_negativeControl_aNewVersionNodeMigratingWhileOthersServeIsCaught() throws Exception {
        firstStart();
        RunbookProcess p = run(resource("wrong-rolling-upgrade.yml"), "-e", "version=" + NEW);
        assertEquals(0, p.exitCode(), p.transcript());
        List<String> hazards = cluster.hazards();
        assertTrue(hazards.stream().anyMatch(h -> h.startsWith("served_during_migration") || h.startsWith("version_mismatch")),
                "hazards: " + hazards);
    }

    @Test
    void g_anUpgradeInterruptedAfterTheBackupResumesWithoutASecondBackup() throws Exception {
        firstStart();
        RunbookProcess first = RunbookProcess.start(repo, "run", runbook("upgrade.yml").toString(), "-i", lab.inventory().toString(),
                "--json", "-e", "version=" + NEW);
        first.killAfter(e -> e.path("type").asText().equals("host_finished") && e.path("step").asText().equals("backup.dump"),
                Duration.ofMinutes(2));
        long dumps;
        try (var files = Files.list(Lab.STATE.resolve("backups"))) {
            dumps = files.filter(f -> f.toString().endsWith(".dump")).count();
        }
        RunbookProcess resumed = RunbookProcess.start(repo, "resume", first.runId(), "--json");
        assertEquals(0, resumed.await(Duration.ofMinutes(4)), resumed.transcript());
        // The resumed run reports the earlier backup as replayed (it stays in the undo chain); it must not run it again.
        assertTrue(resumed.finished("backup.dump").stream().allMatch(e -> e.path("replayed").asBoolean(false)),
                "the backup was taken again\n" + resumed.transcript());
        assertEquals(1, resumed.finished("backup.dump").size(), "the earlier backup is replayed once");
        try (var files = Files.list(Lab.STATE.resolve("backups"))) {
            assertEquals(dumps, files.filter(f -> f.toString().endsWith(".dump")).count(), "no second dump");
        }
        for (String node : LabCluster.NODES) {
            assertEquals(NEW, cluster.envVersion(node));
        }
        assertEquals(List.of(), cluster.hazards());
    }
}
