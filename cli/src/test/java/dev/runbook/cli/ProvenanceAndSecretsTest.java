package dev.runbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets kept out of output and records; --require-clean; --ref. Local hosts, engine as a real process. */
class ProvenanceAndSecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "S3cr3t-pa55-XYZ";

    @TempDir
    Path dir;

    private Path write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Path inventory(Path where) throws Exception {
        return write(where.resolve("inv.yml"), """
                name: local
                settings:
                  lock_path: %s/locks
                hosts:
                  ctl1: { connection: local }
                """.formatted(dir));
    }

    @Test
    void secretExtraVarIsNowhereInOutputJsonOrRecord() throws Exception {
        Path rb = write(dir.resolve("secret.yml"), """
                name: secret
                vars:
                  db_password: { type: string, secret: true, required: true, description: database password }
                steps:
                  - id: connect
                    hosts: all
                    shell: { script: "echo using {{ db_password }}; echo 'auth failed for {{ db_password }}' >&2; exit 1" }
                """);
        Path inv = inventory(dir);
        Path records = dir.resolve("records");
        EngineProcess human = EngineProcess.run(dir, Map.of(), "run", rb.toString(), "-i", inv.toString(),
                "-e", "db_password=" + SECRET, "--record-dir", records.toString());
        EngineProcess json = EngineProcess.run(dir, Map.of(), "run", rb.toString(), "-i", inv.toString(),
                "-e", "db_password=" + SECRET, "--record-dir", records.toString(), "--json");
        assertEquals(1, human.exitCode(), human.both());
        assertEquals(1, json.exitCode(), json.both());
        assertTrue(human.out().contains("auth failed for ******"), "the failure is shown, masked: " + human.out());
        assertFalse(human.both().contains(SECRET), human.both());
        assertFalse(json.both().contains(SECRET), json.both());
        int files = 0;
        try (Stream<Path> s = Files.walk(records)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                files++;
                assertFalse(Files.readString(f).contains(SECRET), f + " holds the secret");
            }
        }
        assertEquals(6, files, "two runs × run.json, plan.json, journal.jsonl");
        EngineProcess history = EngineProcess.run(dir, Map.of(), "history", "--record-dir", records.toString());
        assertEquals(2, history.out().lines().filter(l -> l.contains("failed")).count(), history.out());

        // resume must be given the secret again
        String id = history.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
        EngineProcess resume = EngineProcess.run(dir, Map.of(), "resume", id, "--record-dir", records.toString());
        assertEquals(2, resume.exitCode(), resume.both());
        assertTrue(resume.err().contains("-e db_password=..."), resume.err());
    }

    @Test
    void requireCleanRefusesADirtyTreeAndRefRunsAnOlderCommit() throws Exception {
        Path repo = dir.resolve("repo");
        Path rb = write(repo.resolve("runbooks/write.yml"), runbook("v1"));
        Path inv = inventory(repo);
        RevCommit v1;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            v1 = git.commit().setMessage("v1").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();
            git.tag().setName("v1").call();
            Files.writeString(rb, runbook("v2"));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("v2").setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();
        }
        Path out = dir.resolve("out.txt");
        Files.writeString(rb, runbook("v3-uncommitted"));
        EngineProcess dirty = EngineProcess.run(dir, Map.of(), "run", rb.toString(), "-i", inv.toString(),
                "-e", "out=" + out, "--require-clean");
        assertEquals(2, dirty.exitCode(), dirty.both());
        assertTrue(dirty.err().contains("runbooks/write.yml"), "names the dirty file: " + dirty.err());
        assertFalse(Files.exists(out), "nothing ran");

        EngineProcess old = EngineProcess.run(dir, Map.of(), "run", rb.toString(), "-i", inv.toString(),
                "-e", "out=" + out, "--ref", "v1");
        assertEquals(0, old.exitCode(), old.both());
        assertEquals("v1\n", Files.readString(out));
        Path records = repo.resolve(".runbook/runs");
        try (Stream<Path> s = Files.list(records)) {
            JsonNode meta = JSON.readTree(s.toList().get(0).resolve("run.json").toFile());
            assertEquals("v1", meta.path("git").path("ref").asText());
            assertEquals(v1.name(), meta.path("git").path("commit").asText());
            assertEquals(rb.toString(), meta.path("inputs").get(0).path("path").asText(), "recorded under the work-tree path");
            assertEquals("ok", meta.path("outcome").asText());
        }
    }

    private static String runbook(String version) {
        return """
                name: write
                vars:
                  out: { type: string, required: true, description: output file }
                steps:
                  - id: write
                    hosts: all
                    shell: { script: "echo %s > {{ out }}" }
                """.formatted(version);
    }
}
