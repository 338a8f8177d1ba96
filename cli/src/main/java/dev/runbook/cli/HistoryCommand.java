package dev.runbook.cli;

import dev.runbook.engine.record.RunRecordStore;
import dev.runbook.engine.record.RunRecordView;
import dev.runbook.engine.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code runbook history}: the recorded runs, newest first. */
@Command(name = "history", description = "List recorded runs, newest first.", mixinStandardHelpOptions = true)
final class HistoryCommand implements Callable<Integer> {

    @Option(names = "--record-dir", paramLabel = "DIR", description = "Directory of run records (default: .runbook/runs of this git work tree).")
    Path recordDir;

    @Option(names = {"-n", "--limit"}, defaultValue = "50", description = "Show at most this many runs (default ${DEFAULT-VALUE}).")
    int limit;

    private final Cli cli;

    HistoryCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        RunRecordStore store = Records.store(cli, recordDir);
        List<String> ids = store.list();
        if (ids.isEmpty()) {
            cli.out().println("no runs recorded in " + store.root());
            return ExitCodes.OK;
        }
        cli.out().printf("%-24s  %-24s  %-30s  %9s  %s%n", "RUN", "RUNBOOK", "OUTCOME", "DURATION", "OPERATOR");
        for (String id : ids.subList(0, Math.min(limit, ids.size()))) {
            RunRecordView v = Records.view(store, id);
            var meta = v.meta();
            String outcome = v.outcome() + (meta.path("options").path("check").asBoolean(false) ? " (check)" : "");
            cli.out().printf("%-24s  %-24s  %-30s  %9s  %s%n", id, meta.path("runbook_name").asText("?"), outcome,
                    HtmlReport.human(v.duration()), meta.path("operator").asText("?"));
        }
        return ExitCodes.OK;
    }
}
