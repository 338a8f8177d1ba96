package dev.runbook.lab.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator against a real PostgreSQL: start-up paths, fault injection and hazard detection. */
@ExtendWith(PostgresExtension.class)
class SimulatorTest {
    private static final Duration READY = Duration.ofSeconds(30);
    private SimHarness sim;

    @BeforeEach
    void setUp(TestPostgres pg, @TempDir Path dir) throws Exception {
        sim = new SimHarness(pg, dir);
    }

    @AfterEach
    void tearDown() {
        if (sim != null) {
            sim.close();
        }
    }

    private static Set<HazardKind> kinds(List<Hazard> hazards) {
        return hazards.stream().map(Hazard::kind).collect(Collectors.toSet());
    }

    @Test
    void firstNodeAloneThenTheRestInstallsOnceWithoutHazards() throws Exception {
        SimNode app1 = sim.start("app1", "1.7.10", "SIM_INSTALL_SECONDS", "2");
        sim.awaitPhase(app1, Phase.INSTALLING, READY);
        HttpResponse<String> installing = sim.get(app1, "/api/__health_check");
        assertEquals(503, installing.statusCode());
        assertTrue(installing.body().contains("\"code\":\"APP_INITIALIZING\"") && installing.body().contains("\"maintaining\":true"),
                installing.body());
        assertEquals(503, sim.get(app1, "/").statusCode(), "no application page while installing");

        sim.awaitReady(app1, READY);
        SimNode app2 = sim.start("app2", "1.7.10");
        SimNode app3 = sim.start("app3", "1.7.10");
        sim.awaitReady(app2, READY);
        sim.awaitReady(app3, READY);

        for (SimNode n : List.of(app1, app2, app3)) {
            HttpResponse<String> page = sim.get(n, "/");
            assertEquals(200, page.statusCode());
            assertEquals(n.node(), page.headers().firstValue("X-Sim-Node").orElseThrow());
            assertEquals("1.7.10", page.headers().firstValue("X-Sim-Version").orElseThrow());
            assertTrue(page.body().contains(n.node()) && page.body().contains("1.7.10"), page.body());
            assertTrue(sim.get(n, "/api/app:getInfo").body().contains("\"version\":\"1.7.10\""));
        }
        String plugins = sim.get(app2, "/api/pm:listEnabled").body();
        assertTrue(plugins.contains("\"packageName\":\"@nocobase/plugin-acl\""), plugins);
        assertTrue(Files.readString(sim.log("app1")).contains("app has been started"));
        assertEquals(Optional.of(Version.parse("1.7.10")), sim.schemaVersion());
        assertEquals(List.of(), sim.hazards(), "the documented order records no hazard");

        app3.stop();
        assertEquals(0, app3.awaitExit());
        assertEquals(Set.of("app1", "app2"), sim.activities().stream().map(SimStore.Activity::node).collect(Collectors.toSet()),
                "a stopped node removes its activity row");
    }

    @Test
    void twoNodesInstallingTogetherRecordConcurrentSetupBothWays() throws Exception {
        SimNode app1 = sim.start("app1", "1.7.10", "SIM_INSTALL_SECONDS", "2");
        SimNode app2 = sim.start("app2", "1.7.10", "SIM_INSTALL_SECONDS", "2");
        sim.awaitReady(app1, READY);
        sim.awaitReady(app2, READY);

        List<Hazard> hazards = sim.hazards();
        assertEquals(Set.of(HazardKind.CONCURRENT_SETUP), kinds(hazards), hazards.toString());
        assertEquals(Set.of("app1", "app2"), hazards.stream().map(Hazard::node).collect(Collectors.toSet()),
                "each node notices the other: " + hazards);

        String json = sim.get(app1, "/api/__sim/hazards").body();
        assertTrue(json.contains("\"kind\":\"concurrent_setup\""), json);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = Simulator.run(new String[] {"--hazards", "--env", sim.log("app1").resolveSibling(".env").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, rc);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("\tapp1\tconcurrent_setup\t") && printed.contains("\tapp2\tconcurrent_setup\t"), printed);
        assertTrue(!printed.contains(TestPostgres.PASSWORD), "the hazard listing never shows the password");
    }

    @Test
    void oldNodeServingWhileAnotherMigratesRecordsServedDuringMigration() throws Exception {
        SimNode old = sim.start("app1", "1.7.10");
        sim.awaitReady(old, READY);
        SimNode upgrading = sim.start("app2", "1.7.14", "SIM_MIGRATE_SECONDS", "3");
        sim.awaitPhase(upgrading, Phase.MIGRATING, READY);
        Thread.sleep(600); // the migrating heartbeat is in the table now

        HttpResponse<String> served = sim.get(old, "/");
        assertEquals(200, served.statusCode(), "the simulator, like NocoBase, does not protect itself");
        sim.awaitReady(upgrading, READY);

        List<Hazard> hazards = sim.hazards();
        Hazard h = hazards.stream().filter(x -> x.kind() == HazardKind.SERVED_DURING_MIGRATION).findFirst()
                .orElseThrow(() -> new AssertionError("no served_during_migration in " + hazards));
        assertEquals("app1", h.node());
        assertTrue(h.detail().contains("app2") && h.detail().contains("1.7.14"), h.detail());
        assertTrue(Files.readString(sim.log("app2")).contains("upgrading..."));
        assertEquals(Optional.of(Version.parse("1.7.14")), sim.schemaVersion());
    }

    @Test
    void nodeServingAnOlderVersionThanTheSchemaRecordsVersionMismatch() throws Exception {
        SimNode old = sim.start("app1", "1.7.10");
        sim.awaitReady(old, READY);
        SimNode upgraded = sim.start("app2", "1.7.14");
        sim.awaitReady(upgraded, READY);
        assertEquals(List.of(), sim.hazards(), "nothing served by app1 during the migration");

        assertEquals(200, sim.get(old, "/api/__health_check").statusCode());
        List<Hazard> hazards = sim.hazards();
        assertEquals(Set.of(HazardKind.VERSION_MISMATCH), kinds(hazards), hazards.toString());
        assertEquals("app1", hazards.get(0).node());
        assertTrue(hazards.get(0).detail().contains("1.7.10") && hazards.get(0).detail().contains("1.7.14"));

        sim.get(old, "/");
        sim.get(old, "/api/app:getInfo");
        assertEquals(1, sim.hazards().size(), "one record per node and mismatch, not one per request");
    }

    @Test
    void startAgainstANewerSchemaIsRefused() throws Exception {
        SimNode newer = sim.start("app1", "1.7.14");
        sim.awaitReady(newer, READY);
        newer.stop();

        SimNode older = sim.start("app2", "1.7.9");
        assertEquals(Optional.of(SimNode.EXIT_NEWER_SCHEMA), older.awaitExit(READY));
        List<Hazard> hazards = sim.hazards();
        assertEquals(Set.of(HazardKind.NEWER_SCHEMA), kinds(hazards), hazards.toString());
        assertTrue(Files.readString(sim.log("app2")).contains("newer than this application (1.7.9)"));
        assertEquals(Optional.of(Version.parse("1.7.14")), sim.schemaVersion(), "the schema is untouched");
    }

    @Test
    void failingMigrationExitsNonZeroAndLeavesTheSchemaAlone() throws Exception {
        SimNode first = sim.start("app1", "1.7.10");
        sim.awaitReady(first, READY);
        first.stop();

        SimNode failing = sim.start("app1", "1.7.14", "SIM_FAIL_MIGRATION", "true");
        assertEquals(Optional.of(SimNode.EXIT_MIGRATION_FAILED), failing.awaitExit(READY));
        String log = Files.readString(sim.log("app1"));
        assertTrue(log.contains("upgrading...") && log.contains("failed"), log);
        assertEquals(Optional.of(Version.parse("1.7.10")), sim.schemaVersion());
        assertEquals(List.of(), sim.activities(), "a failed node leaves no activity behind");
    }

    @Test
    void neverReadyNodeKeepsAnsweringAppPreparing() throws Exception {
        SimNode stuck = sim.start("app1", "1.7.10", "SIM_NEVER_READY", "true");
        for (int i = 0; i < 15; i++) {
            HttpResponse<String> r = sim.get(stuck, "/api/__health_check");
            assertEquals(503, r.statusCode());
            assertTrue(r.body().contains("\"code\":\"APP_PREPARING\""), r.body());
            Thread.sleep(200);
        }
        assertEquals(Optional.empty(), sim.schemaVersion(), "a never-ready node does not install");
        assertEquals(Optional.empty(), stuck.awaitExit(Duration.ofMillis(10)));
    }
}
