package dev.runbook.cli;

import dev.runbook.engine.record.RunRecordStore;
import dev.runbook.engine.record.RunRecordView;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/** The RUN argument and {@code --record-dir} of the commands that read one recorded run (show, report). */
final class RecordedRun {

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id, or an unambiguous prefix of one.")
    String run;

    @Option(names = "--record-dir", paramLabel = "DIR", description = "Directory of run records (default: .runbook/runs of this git work tree).")
    Path recordDir;

    /** A run found by its id or prefix, read for people. */
    record Found(String id, Path dir, RunRecordView view) {
    }

    Found read(Cli cli) throws CliFailure, IOException {
        RunRecordStore store = Records.store(cli, recordDir);
        String id = Records.resolve(store, run);
        return new Found(id, store.dir(id), Records.view(store, id));
    }
}
