package dev.runbook.cli;

import dev.runbook.engine.record.Journal;
import dev.runbook.engine.record.RunRecordStore;
import dev.runbook.engine.record.RunRecordView;

import java.io.IOException;
import java.nio.file.Path;

/** Finds the run-record directory for the commands that read records (history, show, report, resume). */
final class Records {

    private Records() {
    }

    /** {@code --record-dir}, else RUNBOOK_RECORD_DIR, else {@code .runbook/runs} of the current git work tree (or directory). */
    static RunRecordStore store(Cli cli, Path recordDir) {
        if (recordDir != null) {
            return new RunRecordStore(recordDir);
        }
        return RunRecordStore.defaultFor(Path.of("").toAbsolutePath().resolve("runbook.yml"), cli.env());
    }

    static String resolve(RunRecordStore store, String idOrPrefix) throws CliFailure {
        try {
            return store.resolve(idOrPrefix).orElseThrow(() -> new CliFailure(ExitCodes.INVALID,
                    "no run '" + idOrPrefix + "' in " + store.root() + " (see: runbook history; or give --record-dir)"));
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.INVALID, e.getMessage());
        }
    }

    /** run.json and the journal of one run, read for people. */
    static RunRecordView view(RunRecordStore store, String id) throws IOException {
        return new RunRecordView(store.readMeta(id), Journal.read(store.dir(id).resolve(RunRecordStore.JOURNAL_FILE)));
    }
}
