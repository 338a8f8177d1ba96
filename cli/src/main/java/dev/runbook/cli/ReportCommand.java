package dev.runbook.cli;

import dev.runbook.engine.record.Journal;
import dev.runbook.engine.record.RunRecordStore;
import dev.runbook.engine.record.RunRecordView;
import dev.runbook.engine.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code runbook report RUN}: a self-contained HTML page of a recorded run. */
@Command(name = "report", description = "Write an HTML report of a recorded run.", mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id, or an unambiguous prefix of one.")
    String run;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write (default: report.html in the run's record directory).")
    Path output;

    @Option(names = "--record-dir", paramLabel = "DIR", description = "Directory of run records (default: .runbook/runs of this git work tree).")
    Path recordDir;

    private final Cli cli;

    ReportCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        RunRecordStore store = Records.store(cli, recordDir);
        String id = Records.resolve(store, run);
        Path dir = store.dir(id);
        RunRecordView v = new RunRecordView(store.readMeta(id), Journal.read(dir.resolve(RunRecordStore.JOURNAL_FILE)));
        Path out = output != null ? output : dir.resolve("report.html");
        Files.writeString(out, HtmlReport.render(v.report()));
        cli.out().println("report: " + out);
        return ExitCodes.OK;
    }
}
