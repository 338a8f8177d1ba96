package dev.runbook.cli;

import dev.runbook.engine.event.EventRedaction;
import dev.runbook.engine.event.EventSink;
import dev.runbook.engine.event.HumanRenderer;
import dev.runbook.engine.event.JsonLinesSink;
import dev.runbook.engine.exec.Durations;
import dev.runbook.engine.exec.Executor;
import dev.runbook.engine.exec.MaxFail;
import dev.runbook.engine.exec.RunOptions;
import dev.runbook.engine.exec.RunResult;
import dev.runbook.engine.inventory.HostPatterns;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.inventory.InventoryLoader;
import dev.runbook.engine.load.RunbookLoader;
import dev.runbook.engine.model.Runbook;
import dev.runbook.engine.model.VarDecl;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.plan.Plan;
import dev.runbook.engine.plan.PlanOptions;
import dev.runbook.engine.plan.Planner;
import dev.runbook.engine.secret.Secrets;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.ssh.SshOptions;
import dev.runbook.engine.ssh.TransportFactory;
import dev.runbook.engine.template.PebbleTemplateEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code runbook run}: loads, plans and executes a runbook. Self-contained (its own options) so the
 * integrator can register it next to the shared option classes of {@code plan}.
 */
@Command(name = "run", description = "Run a runbook against an inventory.", mixinStandardHelpOptions = true,
        footer = {"", ExitCodes.HELP})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook YAML file.")
    Path runbook;

    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "INVENTORY", description = "Inventory file.")
    Path inventory;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "NAME=VALUE", description = "Set a variable (highest precedence); repeatable.")
    List<String> extraVars = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Only these hosts (a host pattern).")
    String limit;

    @Option(names = "--tags", split = ",", paramLabel = "TAG", description = "Only steps with these tags.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--skip-tags", split = ",", paramLabel = "TAG", description = "Leave out steps with these tags.")
    List<String> skipTags = new ArrayList<>();

    @Option(names = "--forks", defaultValue = "20", description = "At most this many hosts work at the same time (default ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--check", description = "Change nothing; report what would change.")
    boolean check;

    @Option(names = "--diff", description = "Show what changed in files.")
    boolean diff;

    @Option(names = "--yes", description = "Answer yes to every confirmation.")
    boolean yes;

    @Option(names = "--json", description = "Write every event as one JSON line on stdout (no human output).")
    boolean json;

    @Option(names = "--max-fail", paramLabel = "COUNT|PERCENT", description = "Abort once more hosts than this failed (3 or 25%).")
    String maxFail;

    @Option(names = "--no-undo", description = "Do not run the undo chain when the run fails.")
    boolean noUndo;

    @Option(names = "--undo-on-interrupt", description = "Also run the undo chain after Ctrl-C.")
    boolean undoOnInterrupt;

    @Option(names = "--grace", defaultValue = "30s", paramLabel = "DURATION",
            description = "After Ctrl-C, how long running commands may finish before they are killed (default ${DEFAULT-VALUE}).")
    String grace;

    @Option(names = "--accept-new-host-keys", description = "Trust and record host keys not yet in known_hosts (changed keys are still refused).")
    boolean acceptNewHostKeys;

    private final Cli cli;

    RunCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        ModuleRegistry modules = cli.modules().get();
        Secrets secrets = new Secrets();
        PebbleTemplateEngine templates = new PebbleTemplateEngine(secrets);
        RunOptions options = options();
        Runbook rb = new RunbookLoader(modules).load(runbook);
        Inventory inv = new InventoryLoader().load(inventory);
        Map<String, Object> extra = extraVars();
        checkVars(rb, inv, extra, secrets);
        Plan plan = new Planner(HostPatterns::resolve, templates)
                .plan(rb, inv, extra, new PlanOptions(limit, new LinkedHashSet<>(tags), new LinkedHashSet<>(skipTags)));

        EventSink sink = json ? new JsonLinesSink(cli.out())
                : new HumanRenderer(cli.out(), cli.colour(), System.console() != null);
        try (TransportFactory transports = new TransportFactory(inv, SshOptions.defaults().withAcceptNewHostKeys(acceptNewHostKeys))) {
            Executor executor = new Executor(modules, templates, transports::open, new TerminalPrompter(yes), sink,
                    new EventRedaction(secrets::redact), options);
            RunResult result;
            try (Interrupts ignored = Interrupts.onSigint(executor::cancel)) {
                result = executor.run(plan);
            }
            return result.exitCode();
        }
    }

    private RunOptions options() throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        MaxFail max = null;
        if (maxFail != null) {
            try {
                max = MaxFail.parse(maxFail);
            } catch (IllegalArgumentException e) {
                problems.add(Problem.at(SourcePos.of("--max-fail"), e.getMessage()));
            }
        }
        Duration g = Durations.parse(grace).orElse(null);
        if (g == null) {
            problems.add(Problem.at(SourcePos.of("--grace"), "not a duration: '" + grace + "'", "write it like 30s, 2m or 1h30m"));
        }
        if (forks < 1) {
            problems.add(Problem.at(SourcePos.of("--forks"), "must be at least 1, got " + forks));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
        return new RunOptions(runId, forks, check, diff, max, !noUndo, g, undoOnInterrupt);
    }

    private Map<String, Object> extraVars() throws InvalidInputException {
        Map<String, Object> vars = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (String e : extraVars) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                problems.add(Problem.at(SourcePos.of("-e"), "expected NAME=VALUE, got '" + e.split("=", 2)[0] + "...'"));
            } else {
                vars.put(e.substring(0, eq).strip(), e.substring(eq + 1));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return vars;
    }

    /** Required variables must be given before anything runs; secret values are registered for masking. */
    private static void checkVars(Runbook rb, Inventory inv, Map<String, Object> extra, Secrets secrets) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        for (VarDecl d : rb.vars().values()) {
            Object value = extra.get(d.name());
            boolean inInventory = inv.hosts().values().stream().allMatch(h -> h.vars().containsKey(d.name()))
                    && !inv.hosts().isEmpty();
            if (d.required() && value == null && d.defaultValue() == null && !inInventory) {
                problems.add(Problem.at(d.pos(), "variable '" + d.name() + "' is required"
                        + (d.description() == null ? "" : " (" + d.description() + ")"), "give it with -e " + d.name() + "=..."));
            }
            if (d.secret()) {
                if (value != null) {
                    secrets.add(String.valueOf(value));
                }
                inv.hosts().values().forEach(h -> {
                    Object v = h.vars().get(d.name());
                    if (v != null) {
                        secrets.add(String.valueOf(v));
                    }
                });
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
