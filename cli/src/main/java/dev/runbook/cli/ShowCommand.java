package dev.runbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbook.engine.record.RunRecordView;
import dev.runbook.engine.report.HtmlReport;
import dev.runbook.engine.report.ReportData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code runbook show RUN}: a run's metadata and the outcome of every step on every host. */
@Command(name = "show", description = "Show a recorded run: metadata and per step × host outcomes.", mixinStandardHelpOptions = true)
final class ShowCommand implements Callable<Integer> {

    @Mixin
    RecordedRun recorded;

    private final Cli cli;

    ShowCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        RecordedRun.Found found = recorded.read(cli);
        String id = found.id();
        RunRecordView v = found.view();
        JsonNode meta = v.meta();
        var out = cli.out();
        out.println("run        " + id);
        out.println("runbook    " + meta.path("runbook").asText() + " (" + meta.path("runbook_name").asText() + ")");
        meta.path("includes").forEach(i -> out.println("  include  " + i.asText()));
        out.println("inventory  " + meta.path("inventory").asText() + " (" + meta.path("inventory_name").asText() + ")");
        JsonNode git = meta.path("git");
        out.println("commit     " + (git.isObject() ? git.path("commit").asText("(none)")
                + (git.path("ref").isTextual() ? " (ref " + git.path("ref").asText() + ")"
                : git.path("dirty").asBoolean() ? " (dirty" + (git.path("dirty_files").isEmpty() ? ""
                : ": " + String.join(", ", texts(git.path("dirty_files")))) + ")" : " (clean)")
                : "not in git"));
        out.println("operator   " + meta.path("operator").asText());
        out.println("started    " + meta.path("started").asText() + "   finished " + meta.path("finished").asText("-"));
        out.println("duration   " + HtmlReport.human(v.duration()));
        out.println("outcome    " + v.outcome() + (meta.path("options").path("check").asBoolean() ? " (check mode)" : ""));
        if (meta.path("attempts").size() > 1) {
            out.println("attempts   " + meta.path("attempts").size() + " (resumed)");
        }
        ReportData.Window w = v.window();
        if (w != null) {
            out.println("maintenance window " + (w.end() == null ? "opened " + w.start() + ", NOT closed" : HtmlReport.human(w.duration())
                    + " (" + w.start() + " → " + w.end() + ")"));
        }
        out.println("args       " + String.join(" ", texts(meta.path("args"))));
        out.println();
        out.printf("%-28s %-10s %-12s %8s  %s%n", "STEP", "HOST", "STATUS", "TIME", "MESSAGE");
        for (ReportData.Row r : v.latest()) {
            out.printf("%-28s %-10s %-12s %8s  %s%n", (r.undo() ? "undo " : "") + r.step(), r.host(), r.status(),
                    HtmlReport.human(r.duration()), r.message().replace('\n', ' '));
        }
        return ExitCodes.OK;
    }

    private static java.util.List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
