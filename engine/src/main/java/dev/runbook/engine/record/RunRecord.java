package dev.runbook.engine.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbook.engine.exec.RunResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One run's record, open for writing: its metadata ({@code run.json}, rewritten atomically after each
 * change), its plan and its journal. A resumed run reopens the same record and appends to it.
 *
 * <p>Outcomes written to run.json: {@code running} (the run is in progress, or its engine died: a
 * journal without {@code run_finished}), {@code ok}, {@code failed}, {@code rolled_back},
 * {@code rollback_incomplete}, {@code interrupted}, {@code aborted}.
 */
public final class RunRecord {

    public static final String RUNNING = "running";

    private final RunRecordStore store;
    private final String runId;
    private final ObjectNode meta;

    private RunRecord(RunRecordStore store, String runId, ObjectNode meta) {
        this.store = store;
        this.runId = runId;
        this.meta = meta;
    }

    /** Creates the run's private directory and writes its first run.json. */
    public static RunRecord create(RunRecordStore store, String runId, ObjectNode meta) throws IOException {
        store.create(runId);
        RunRecord r = new RunRecord(store, runId, meta);
        r.save();
        return r;
    }

    /** An existing record (resume), its run.json as written last. */
    public static RunRecord reopen(RunRecordStore store, String runId) throws IOException {
        return new RunRecord(store, runId, store.readMeta(runId));
    }

    public String runId() {
        return runId;
    }

    /** The metadata; change it, then {@link #save()}. */
    public ObjectNode meta() {
        return meta;
    }

    public Path dir() throws IOException {
        return store.dir(runId);
    }

    public synchronized void save() throws IOException {
        store.writeMeta(runId, meta);
    }

    public void writePlan(JsonNode plan) throws IOException {
        store.writePlan(runId, plan);
    }

    public Journal openJournal() throws IOException {
        return store.openJournal(runId);
    }

    public List<JsonNode> journal() throws IOException {
        return Journal.read(dir().resolve(RunRecordStore.JOURNAL_FILE));
    }

    /** The run.json outcome of an executor result. */
    public static String outcome(RunResult result) {
        return switch (result.status()) {
            case OK -> "ok";
            case INTERRUPTED -> "interrupted";
            case ABORTED -> "aborted";
            case FAILED -> switch (result.rollback()) {
                case COMPLETE -> "rolled_back";
                case INCOMPLETE -> "rollback_incomplete";
                case NONE, DISABLED -> "failed";
            };
        };
    }
}
