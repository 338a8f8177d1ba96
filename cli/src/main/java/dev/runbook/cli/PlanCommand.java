package dev.runbook.cli;

import dev.runbook.engine.git.GitProvenance;
import dev.runbook.engine.git.Provenance;
import dev.runbook.engine.plan.ArgSummary;
import dev.runbook.engine.plan.PlanDotRenderer;
import dev.runbook.engine.plan.PlanJsonRenderer;
import dev.runbook.engine.plan.PlanTextRenderer;
import dev.runbook.engine.source.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Shows what a run would do, without connecting to any host: steps in order, hosts, "
                + "parallel steps, batches, undo chain.",
                "--format json is documented in docs/plan-json.md; --format dot | dot -Tsvg draws the task graph."})
final class PlanCommand implements Callable<Integer> {

    enum Format { text, json, dot }

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook file.")
    Path runbook;

    @Mixin
    InputOptions inputs;

    @Mixin
    PlanSelection selection;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "text|json|dot",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    private final Cli cli;

    PlanCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InvalidInputException, IOException {
        Inputs.Loaded loaded = new Inputs(cli.modules().get()).load(runbook, inputs, selection.options());
        ArgSummary args = new ArgSummary(cli.modules().get());
        String out = switch (format) {
            case text -> new PlanTextRenderer(args, cli.colour()).render(loaded.plan(), git(loaded));
            case json -> new PlanJsonRenderer(args).render(loaded.plan(), git(loaded));
            case dot -> new PlanDotRenderer().render(loaded.plan());
        };
        cli.out().print(out);
        return ExitCodes.OK;
    }

    /** Only plan and run look at git: JGit's first use costs time that validate should not pay. */
    private static Provenance git(Inputs.Loaded loaded) throws IOException {
        List<Path> files = new ArrayList<>(loaded.runbook().sources());
        if (files.isEmpty()) {
            files.add(loaded.runbook().file());
        }
        if (loaded.inventory().file() != null) {
            files.add(loaded.inventory().file());
        }
        return GitProvenance.inspect(files).orElse(null);
    }
}
