package dev.runbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.lab.junit.Lab;
import dev.runbook.lab.junit.LabExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Run safety against the lab's real sshd hosts, with the engine as a real process: SIGKILL and
 * resume, SIGINT, the cluster lock race, step timeout with undo, a host's sshd dying mid-step,
 * a changed host key.
 */
@ExtendWith(LabExtension.class)
class SafetyLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A dedicated extra host whose sshd this test kills (and restarts). */
    private static final int VICTIM = 200;

    @TempDir
    Path tmp;

    private Path shared;   // visible to the deploy user on the (loopback) hosts
    private Path records;
    private String cluster;
    private Lab lab;
    private final List<EngineProcess> started = new ArrayList<>();

    @BeforeEach
    void setUp(Lab lab) throws Exception {
        this.lab = lab;
        shared = Files.createTempDirectory(Path.of("/tmp"), "runbook-safety-");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        records = tmp.resolve("records");
        cluster = "safety-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (EngineProcess p : started) {
            p.sigkill(); // a test that failed half-way must not leave an engine running
        }
        try (Stream<Path> s = Files.walk(shared)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Path inventory(Path knownHosts) throws Exception {
        return write("inv.yml", """
                name: %s
                settings:
                  known_hosts: %s
                  lock_host: db1
                  lock_path: %s/locks
                defaults:
                  user: deploy
                  port: 2222
                  private_key: %s
                hosts:
                  app1: { address: 127.0.10.11 }
                  app2: { address: 127.0.10.12 }
                  db1: { address: 127.0.10.20 }
                  victim: { address: 127.0.11.%d }
                groups:
                  app: { hosts: [app1, app2] }
                """.formatted(cluster, knownHosts, shared, lab.clientKey(), VICTIM));
    }

    private Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private EngineProcess start(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--record-dir", records.toString(), "-e", "dir=" + shared));
        EngineProcess p = EngineProcess.start(tmp, Map.of(), all.toArray(String[]::new));
        started.add(p);
        return p;
    }

    private JsonNode onlyRunJson() throws Exception {
        try (Stream<Path> s = Files.list(records)) {
            List<Path> dirs = s.toList();
            assertEquals(1, dirs.size(), dirs.toString());
            return JSON.readTree(dirs.get(0).resolve("run.json").toFile());
        }
    }

    private long count(Path log, String line) throws Exception {
        return Files.readAllLines(log).stream().filter(line::equals).count();
    }

    private Path lockDir() {
        return shared.resolve("locks").resolve(cluster + ".lock");
    }

    private static final String STEPS = """
            name: steps
            vars:
              dir: { type: string, required: true, description: shared scratch directory }
            steps:
              - id: s1
                hosts: app
                shell: { script: "echo s1 >> {{ dir }}/{{ inventory_hostname }}.log" }
              - id: s2
                hosts: app
                needs: [s1]
                shell: { script: "echo s2 >> {{ dir }}/{{ inventory_hostname }}.log" }
              - id: s3
                hosts: app
                needs: [s2]
                shell: { script: "echo s3-start >> {{ dir }}/{{ inventory_hostname }}.log; sleep 8; echo s3 >> {{ dir }}/{{ inventory_hostname }}.log" }
              - id: s4
                hosts: app
                needs: [s3]
                shell: { script: "echo s4 >> {{ dir }}/{{ inventory_hostname }}.log" }
            """;

    @Test
    void sigkilledRunResumesToTheSameEndWithoutRepeatingCompletedSteps() throws Exception {
        Path rb = write("steps.yml", STEPS);
        Path inv = inventory(lab.knownHosts());
        EngineProcess first = start("run", rb.toString(), "-i", inv.toString());
        Path app1 = shared.resolve("app1.log");
        Path app2 = shared.resolve("app2.log");
        EngineProcess.waitForText(app1, "s3-start", Duration.ofSeconds(120));
        EngineProcess.waitForText(app2, "s3-start", Duration.ofSeconds(60));
        first.sigkill();
        JsonNode killed = onlyRunJson();
        assertEquals("running", killed.path("outcome").asText(), "the killed engine never wrote an outcome");
        assertTrue(Files.isDirectory(lockDir()), "the dead run's lock is left behind");

        String id = killed.path("id").asText();
        EngineProcess resume = EngineProcess.run(tmp, Map.of(), "resume", id.substring(0, 18),
                "--record-dir", records.toString());
        assertEquals(0, resume.exitCode(), resume.both());
        for (Path log : List.of(app1, app2)) {
            assertEquals(1, count(log, "s1"), log + ": " + Files.readAllLines(log));
            assertEquals(1, count(log, "s2"), log + ": " + Files.readAllLines(log));
            assertEquals(2, count(log, "s3-start"), "s3 had no result, so it runs again: " + Files.readAllLines(log));
            assertEquals(1, count(log, "s4"), log + ": " + Files.readAllLines(log));
        }
        JsonNode done = onlyRunJson();
        assertEquals("ok", done.path("outcome").asText());
        assertEquals(2, done.path("attempts").size());
        assertFalse(Files.exists(lockDir()), "the resumed run released the lock");
        assertTrue(resume.out().contains("replayed") || resume.out().contains("s1"), resume.out());

        EngineProcess show = EngineProcess.run(tmp, Map.of(), "show", id, "--record-dir", records.toString());
        assertEquals(0, show.exitCode(), show.both());
        assertTrue(show.out().contains("outcome    ok"), show.out());
        assertTrue(show.out().lines().anyMatch(l -> l.startsWith("s4") && l.contains("app2") && l.contains("changed")), show.out());
        EngineProcess history = EngineProcess.run(tmp, Map.of(), "history", "--record-dir", records.toString());
        assertTrue(history.out().contains(id) && history.out().contains("steps"), history.out());
    }

    /** Ctrl-C, and SIGTERM from a service manager or CI, end the run the same orderly way. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"INT", "TERM"})
    void aSignalEndsTheRunInterruptedReleasesTheLockAndRecordsIt(String signal) throws Exception {
        Path rb = write("slow.yml", """
                name: slow
                vars:
                  dir: { type: string, required: true, description: shared scratch directory }
                steps:
                  - id: wait
                    hosts: app1
                    shell: { script: "echo started >> {{ dir }}/slow.log; sleep 30" }
                  - id: after
                    hosts: app1
                    needs: [wait]
                    shell: { script: "echo after >> {{ dir }}/slow.log" }
                """);
        EngineProcess p = start("run", rb.toString(), "-i", inventory(lab.knownHosts()).toString(), "--grace", "1s");
        EngineProcess.waitForText(shared.resolve("slow.log"), "started", Duration.ofSeconds(120));
        assertTrue(Files.isDirectory(lockDir()), "the run holds the lock while it runs");
        p.signal(signal);
        assertEquals(130, p.await(Duration.ofSeconds(20)), p.both());
        JsonNode run = onlyRunJson();
        assertEquals("interrupted", run.path("outcome").asText());
        assertFalse(Files.exists(lockDir()), "the lock is released after Ctrl-C");
        assertFalse(Files.readString(shared.resolve("slow.log")).contains("after"));
    }

    @Test
    void twoRunsRaceForTheLockAndExactlyOneRuns() throws Exception {
        Path rb = write("hold.yml", """
                name: hold
                vars:
                  dir: { type: string, required: true, description: shared scratch directory }
                steps:
                  - id: work
                    hosts: app1
                    shell: { script: "echo ran >> {{ dir }}/race.log; sleep 5" }
                """);
        Path inv = inventory(lab.knownHosts());
        EngineProcess a = start("run", rb.toString(), "-i", inv.toString());
        EngineProcess b = start("run", rb.toString(), "-i", inv.toString());
        int ca = a.await(Duration.ofSeconds(120));
        int cb = b.await(Duration.ofSeconds(120));
        List<Integer> codes = new ArrayList<>(List.of(ca, cb));
        codes.sort(null);
        assertEquals(List.of(0, 4), codes, a.both() + "\n----\n" + b.both());
        EngineProcess loser = ca == 4 ? a : b;
        assertTrue(loser.err().contains("is locked on db1 by run ") && loser.err().contains(" since "), loser.err());
        assertTrue(loser.err().contains("@"), "names the operator: " + loser.err());
        assertEquals(1, Files.readAllLines(shared.resolve("race.log")).size());
    }

    @Test
    void stepTimeoutRunsTheUndoChain() throws Exception {
        Path rb = write("timeout.yml", """
                name: timeout
                vars:
                  dir: { type: string, required: true, description: shared scratch directory }
                steps:
                  - id: change
                    hosts: app1
                    shell: { script: "echo change >> {{ dir }}/t.log" }
                    undo:
                      shell: { script: "echo undo-change >> {{ dir }}/t.log" }
                  - id: stuck
                    hosts: app1
                    needs: [change]
                    timeout: 1s
                    shell: { script: "sleep 20" }
                """);
        EngineProcess p = EngineProcess.run(tmp, Map.of(), "run", rb.toString(), "-i", inventory(lab.knownHosts()).toString(),
                "--record-dir", records.toString(), "-e", "dir=" + shared);
        assertEquals(1, p.exitCode(), p.both());
        assertTrue(p.out().contains("timed out after 1s"), p.out());
        assertEquals(List.of("change", "undo-change"), Files.readAllLines(shared.resolve("t.log")));
        assertEquals("rolled_back", onlyRunJson().path("outcome").asText());
    }

    @Test
    void hostWhoseSshdDiesMidStepIsUnreachableAndTheOthersAreUndone() throws Exception {
        dev.runbook.lab.junit.LabHosts.extra(VICTIM);
        Path rb = write("victim.yml", """
                name: victim
                vars:
                  dir: { type: string, required: true, description: shared scratch directory }
                steps:
                  - id: prep
                    hosts: app1,victim
                    shell: { script: "echo prep >> {{ dir }}/{{ inventory_hostname }}.log" }
                    undo:
                      shell: { script: "echo undo-prep >> {{ dir }}/{{ inventory_hostname }}.log" }
                  - id: slow
                    hosts: app1,victim
                    needs: [prep]
                    shell: { script: "echo slow-start >> {{ dir }}/{{ inventory_hostname }}.log; sleep 4" }
                """);
        Path pidFile = Path.of("/var/lib/runbook-lab/hosts/h" + VICTIM + "/sshd.pid");
        try {
            EngineProcess p = start("run", rb.toString(), "-i", inventory(lab.knownHosts()).toString());
            EngineProcess.waitForText(shared.resolve("victim.log"), "slow-start", Duration.ofSeconds(120));
            long sshd = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle master = ProcessHandle.of(sshd).orElseThrow();
            // the listener and its per-connection children: the host is gone, sessions included
            master.descendants().forEach(ProcessHandle::destroyForcibly);
            master.destroyForcibly();
            int code = p.await(Duration.ofSeconds(120));
            JsonNode run = onlyRunJson();
            assertTrue(code == 1 || code == 3, p.both());
            assertTrue(p.out().contains("unreachable"), p.out());
            assertEquals(List.of("prep", "slow-start", "undo-prep"), Files.readAllLines(shared.resolve("app1.log")));
            assertEquals("rollback_incomplete", run.path("outcome").asText(), "the victim's prep could not be undone");
            Path dir = records.resolve(run.path("id").asText());
            assertTrue(Files.readString(dir.resolve("journal.jsonl")).contains("\"type\":\"run_finished\""));
            assertTrue(Files.exists(dir.resolve("plan.json")));
        } finally {
            dev.runbook.lab.junit.LabHosts.extra(VICTIM); // restarts the dead sshd
        }
    }

    @Test
    void changedHostKeyStopsTheRunBeforeAnythingRuns() throws Exception {
        // app2's entries replaced by app1's keys: app2 now offers a key that differs from the recorded one
        List<String> lines = Files.readAllLines(lab.knownHosts());
        List<String> forged = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("[127.0.10.12]:2222 ")) {
                continue;
            }
            forged.add(l);
            if (l.startsWith("[127.0.10.11]:2222 ")) {
                forged.add(l.replace("[127.0.10.11]:2222 ", "[127.0.10.12]:2222 "));
            }
        }
        Path kh = write("known_hosts", String.join("\n", forged) + "\n");
        Path rb = write("keys.yml", """
                name: keys
                vars:
                  dir: { type: string, required: true, description: shared scratch directory }
                steps:
                  - id: touch
                    hosts: app
                    shell: { script: "echo ran >> {{ dir }}/keys.log" }
                """);
        EngineProcess p = EngineProcess.run(tmp, Map.of(), "run", rb.toString(), "-i", inventory(kh).toString(),
                "--record-dir", records.toString(), "-e", "dir=" + shared);
        assertEquals(3, p.exitCode(), p.both());
        assertTrue(p.err().contains("HOST KEY CHANGED for app2"), p.err());
        assertFalse(Files.exists(shared.resolve("keys.log")), "nothing ran, not even on app1");
        assertFalse(Files.exists(lockDir()));
    }
}
