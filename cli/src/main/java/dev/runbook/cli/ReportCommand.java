package dev.runbook.cli;

import dev.runbook.engine.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code runbook report RUN}: a self-contained HTML page of a recorded run. */
@Command(name = "report", description = "Write an HTML report of a recorded run.", mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {

    @Mixin
    RecordedRun recorded;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write (default: report.html in the run's record directory).")
    Path output;

    private final Cli cli;

    ReportCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        RecordedRun.Found found = recorded.read(cli);
        Path out = output != null ? output : found.dir().resolve("report.html");
        Files.writeString(out, HtmlReport.render(found.view().report()));
        cli.out().println("report: " + out);
        return ExitCodes.OK;
    }
}
