package dev.runbook.engine.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RunRecordStoreTest {

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void recordsArePrivateAndJournalSurvivesATornLastLine() throws Exception {
        RunRecordStore store = new RunRecordStore(tmp.resolve(".runbook/runs"));
        String id = store.newRunId(Instant.parse("2026-11-22T03:15:00Z"));
        assertTrue(id.startsWith("20261122T031500Z-"), id);
        Path dir = store.create(id);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (Journal j = store.openJournal(id)) {
            j.append(json.createObjectNode().put("type", "RunStarted"));
            j.append(json.createObjectNode().put("type", "HostFinished").put("host", "app1"));
        }
        Path journal = dir.resolve(RunRecordStore.JOURNAL_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)));
        Files.writeString(journal, "{\"type\":\"Host", StandardOpenOption.APPEND); // killed mid-write
        var events = Journal.read(journal);
        assertEquals(2, events.size());
        assertEquals("app1", events.get(1).get("host").asText());

        store.writeMeta(id, json.createObjectNode().put("outcome", "running"));
        store.writeMeta(id, json.createObjectNode().put("outcome", "ok"));
        assertEquals("ok", store.readMeta(id).get("outcome").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("run.json"))));
    }

    @Test
    void historyIsNewestFirstAndPrefixesResolve() throws Exception {
        RunRecordStore store = new RunRecordStore(tmp.resolve("runs"));
        String older = store.newRunId(Instant.parse("2026-11-20T10:00:00Z"));
        String newer = store.newRunId(Instant.parse("2026-11-21T10:00:00Z"));
        for (String id : new String[]{older, newer}) {
            store.create(id);
            store.writeMeta(id, json.createObjectNode().put("runId", id));
        }
        assertEquals(java.util.List.of(newer, older), store.list());
        assertEquals(newer, store.resolve("20261121").orElseThrow());
        assertThrows(java.io.IOException.class, () -> store.resolve("2026112"));
        assertTrue(store.resolve("1999").isEmpty());
        assertThrows(java.io.IOException.class, () -> store.dir("../etc"));
    }

    @Test
    void defaultPlaceIsTheGitWorkTreeOrTheEnvironmentOverride() throws Exception {
        Path repo = tmp.resolve("ops");
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve("runbooks/nocobase"));
        Path rb = repo.resolve("runbooks/nocobase/upgrade.yml");
        assertEquals(repo.resolve(".runbook/runs"), RunRecordStore.defaultFor(rb, Map.of()).root());
        assertEquals(Path.of("/x/y"), RunRecordStore.defaultFor(rb, Map.of("RUNBOOK_RECORD_DIR", "/x/y")).root());
    }
}
