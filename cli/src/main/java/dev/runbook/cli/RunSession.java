package dev.runbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbook.engine.event.Event;
import dev.runbook.engine.event.EventJson;
import dev.runbook.engine.event.EventRedaction;
import dev.runbook.engine.event.EventSink;
import dev.runbook.engine.event.HumanRenderer;
import dev.runbook.engine.event.JsonLinesSink;
import dev.runbook.engine.exec.Executor;
import dev.runbook.engine.exec.PriorResults;
import dev.runbook.engine.exec.RunOptions;
import dev.runbook.engine.exec.RunResult;
import dev.runbook.engine.git.DirtyInputsException;
import dev.runbook.engine.git.GitProvenance;
import dev.runbook.engine.git.Provenance;
import dev.runbook.engine.inventory.HostPatterns;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.load.Workspace;
import dev.runbook.engine.lock.ClusterLock;
import dev.runbook.engine.model.Runbook;
import dev.runbook.engine.module.ModuleRegistry;
import dev.runbook.engine.plan.ArgSummary;
import dev.runbook.engine.plan.Plan;
import dev.runbook.engine.plan.PlanJsonRenderer;
import dev.runbook.engine.plan.PlanOptions;
import dev.runbook.engine.plan.Planner;
import dev.runbook.engine.record.FileDigests;
import dev.runbook.engine.record.JournalSink;
import dev.runbook.engine.record.MaintenanceWindow;
import dev.runbook.engine.record.RunRecord;
import dev.runbook.engine.record.RunRecordStore;
import dev.runbook.engine.report.HtmlReport;
import dev.runbook.engine.report.ReportData;
import dev.runbook.engine.secret.Secrets;
import dev.runbook.engine.source.InvalidInputException;
import dev.runbook.engine.source.Problem;
import dev.runbook.engine.ssh.SshOptions;
import dev.runbook.engine.ssh.TransportFactory;
import dev.runbook.engine.template.PebbleTemplateEngine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One execution of a runbook, for {@code run} and {@code resume}: provenance checks, loading and
 * planning, the host-key preflight, the cluster lock, the run record (run.json, plan.json, journal),
 * the executor, and the bookkeeping at the end. See docs/safety.md for what each part guarantees.
 */
final class RunSession {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cli cli;
    private final ExecFlags flags;
    private final Secrets secrets = new Secrets();
    private final PebbleTemplateEngine templates = new PebbleTemplateEngine(secrets);

    RunSession(Cli cli, ExecFlags flags) {
        this.cli = cli;
        this.flags = flags;
    }

    /** A record to continue (resume), with the journal of its earlier attempts. */
    record Resume(RunRecordStore store, RunRecord record, boolean forced) {
    }

    /**
     * Runs and returns the exit code. Every failure leaves here with its text passed through the run's
     * secrets, whatever part of the engine produced it.
     */
    int execute(RunTarget target, List<String> argv, Resume resume) throws Exception {
        try {
            return executeUnredacted(target, argv, resume);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.problems().stream()
                    .map(p -> new Problem(p.pos(), secrets.redact(p.message()), p.hint() == null ? null : secrets.redact(p.hint())))
                    .toList());
        } catch (CliFailure e) {
            throw new CliFailure(e.exitCode(), secrets.redact(e.getMessage()));
        } catch (Exception e) {
            throw new CliFailure(ExitCodes.FAILED, secrets.redact(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private int executeUnredacted(RunTarget target, List<String> argv, Resume resume) throws Exception {
        TransportFactory.warmUp();
        Path materialized = null;
        try {
            Path runbookFile = target.runbook();
            Path inventoryFile = target.inventory();
            Provenance provenance = null;
            if (target.ref() != null) {
                materialized = Files.createTempDirectory("runbook-ref-");
                try {
                    provenance = GitProvenance.materialize(runbookFile, target.ref(), materialized);
                } catch (IOException e) {
                    throw new CliFailure(ExitCodes.INVALID, e.getMessage());
                }
                runbookFile = relocated(provenance, runbookFile, materialized, "runbook");
                if (inventoryFile.startsWith(provenance.repoRoot())) {
                    inventoryFile = relocated(provenance, inventoryFile, materialized, "inventory");
                }
            }
            ModuleRegistry modules = cli.modules().get();
            // The same load and validation as `runbook validate`: every problem at once, nothing run.
            Workspace.Loaded loaded = new Workspace(modules).load(runbookFile, inventoryFile, target.extraVars());
            Runbook rb = loaded.runbook();
            Inventory inv = loaded.inventory();
            List<Path> inputs = new ArrayList<>(rb.sources());
            inputs.add(inventoryFile);
            if (provenance == null) {
                boolean requireClean = target.requireClean() || inv.settings() != null && inv.settings().requireClean();
                try {
                    provenance = requireClean ? GitProvenance.requireClean(inputs) : GitProvenance.inspect(inputs).orElse(null);
                } catch (DirtyInputsException e) {
                    throw new CliFailure(ExitCodes.INVALID, e.getMessage()
                            + (target.requireClean() ? "" : " (the inventory sets settings.require_clean: true)") + "; nothing was run");
                }
            }
            SecretVars.register(rb, inv, target.extraVars(), secrets);
            Plan plan = new Planner(HostPatterns::resolve, templates).plan(rb, inv, target.extraVars(),
                    new PlanOptions(target.limit(), new LinkedHashSet<>(target.tags()), new LinkedHashSet<>(target.skipTags())));

            RunRecordStore store = resume != null ? resume.store()
                    : flags.recordDir != null ? new RunRecordStore(flags.recordDir)
                    : RunRecordStore.defaultFor(target.runbook(), cli.env());
            String runId = resume != null ? resume.record().runId() : store.newRunId(Instant.now());
            RunOptions options = flags.options(runId, target.check());
            Path shownRoot = materialized;
            Provenance prov = provenance;
            return run(plan, options, store, resume, () -> meta(target, argv, rb, inv, inputs, prov, shownRoot, runId, plan));
        } finally {
            if (materialized != null) {
                deleteTree(materialized);
            }
        }
    }

    private interface MetaSupplier {
        ObjectNode get() throws IOException;
    }

    private int run(Plan plan, RunOptions options, RunRecordStore store, Resume resume, MetaSupplier newMeta) throws Exception {
        CancelSwitch cancel = new CancelSwitch();
        ModuleRegistry modules = cli.modules().get();
        try (Interrupts ignored = Interrupts.onSigint(cancel::fire);
             TransportFactory transports = new TransportFactory(plan.inventory(),
                     SshOptions.defaults().withAcceptNewHostKeys(flags.acceptNewHostKeys)
                             // an encrypted key's passphrase: the host's private_key_passphrase_env first, then the terminal
                             .withKeyPassphrase(TerminalPrompter.secrets()))) {
            Preflight.hostKeys(plan, transports);
            ClusterLock lock = options.checkMode() ? null
                    : LockStep.take(cli, flags.breakLock, plan, transports, options.runId(), Operator.name(),
                    resume == null ? null : resume.record().meta());
            try {
                RunRecord record;
                if (resume != null) {
                    record = resume.record();
                } else {
                    record = RunRecord.create(store, options.runId(), newMeta.get());
                    record.writePlan(planJson(plan, modules));
                }
                List<Event> earlier = resume == null ? List.of() : events(record.journal());
                ObjectNode attempt = startAttempt(record, lock, resume);
                EventSink display = flags.json ? new JsonLinesSink(cli.out())
                        : new HumanRenderer(cli.out(), cli.colour(), System.console() != null);
                EventSink journal = new JournalSink(record.openJournal(), msg -> cli.err().println("runbook: " + msg));
                Executor executor = new Executor(modules, templates,
                        transports::open, new TerminalPrompter(flags.yes), EventSink.all(List.of(display, journal)),
                        new EventRedaction(secrets::redact), options, secrets::add);
                cancel.attach(executor);
                RunResult result = executor.run(plan, PriorResults.fromEvents(earlier));
                finish(record, attempt, result);
                return result.exitCode();
            } finally {
                if (lock != null) {
                    LockStep.release(cli, lock);
                }
            }
        }
    }

    private static Path relocated(Provenance p, Path file, Path materialized, String what) throws CliFailure {
        Path r = GitProvenance.relocate(p, file, materialized);
        if (!Files.isRegularFile(r)) {
            throw new CliFailure(ExitCodes.INVALID, "--ref " + p.ref() + ": the " + what + " " + p.repoRoot().relativize(file)
                    + " does not exist at commit " + p.shortCommit());
        }
        return r;
    }

    /** run.json as first written. Secret values never enter it: they are masked before it is built. */
    private ObjectNode meta(RunTarget target, List<String> argv, Runbook rb, Inventory inv, List<Path> inputs,
                            Provenance provenance, Path materialized, String runId, Plan plan) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("format_version", 1);
        m.put("id", runId);
        m.put("runbook", target.runbook().toString());
        m.put("runbook_name", rb.name());
        ArrayNode includes = m.putArray("includes");
        rb.sources().stream().filter(p -> !p.equals(rb.file())).forEach(p -> includes.add(shown(p, provenance, materialized).toString()));
        m.put("inventory", target.inventory().toString());
        m.put("inventory_name", inv.name());
        ArrayNode in = m.putArray("inputs");
        for (Path p : inputs) {
            String role = p.equals(rb.file()) ? "runbook" : p.equals(inputs.get(inputs.size() - 1)) ? "inventory" : "include";
            in.addObject().put("role", role).put("path", shown(p, provenance, materialized).toString())
                    .put("sha256", FileDigests.sha256(p));
        }
        if (provenance != null) {
            ObjectNode g = m.putObject("git");
            g.put("repository", provenance.repoRoot().toString());
            g.put("commit", provenance.commit());
            g.put("ref", provenance.ref());
            g.put("dirty", provenance.dirty());
            provenance.dirtyFiles().forEach(g.withArray("dirty_files")::add);
        } else {
            m.putNull("git");
        }
        m.put("operator", Operator.name());
        ArrayNode args = m.putArray("args");
        argv.forEach(a -> args.add(maskArg(a, rb)));
        ObjectNode extra = m.putObject("extra_vars");
        ArrayNode secretVars = m.putArray("secret_vars");
        target.extraVars().forEach((k, v) -> {
            boolean secret = rb.vars().containsKey(k) && rb.vars().get(k).secret();
            extra.put(k, secret ? MASK : secrets.redact(String.valueOf(v)));
            if (secret || secrets.isSecret(String.valueOf(v))) {
                secretVars.add(k);
                extra.put(k, MASK);
            }
        });
        ObjectNode o = m.putObject("options");
        o.put("limit", target.limit());
        target.tags().forEach(o.withArray("tags")::add);
        target.skipTags().forEach(o.withArray("skip_tags")::add);
        o.put("check", target.check());
        o.put("require_clean", target.requireClean());
        o.put("ref", target.ref());
        o.put("forks", flags.forks);
        o.put("no_undo", flags.noUndo);
        m.put("started", Instant.now().toString());
        m.putNull("finished");
        m.put("outcome", RunRecord.RUNNING);
        m.put("hosts", plan.steps().stream().mapToInt(s -> s.hosts().size()).sum() == 0 ? 0
                : (int) plan.steps().stream().flatMap(s -> s.hosts().stream()).distinct().count());
        m.putArray("attempts");
        return m;
    }

    static final String MASK = "******";

    /** A command-line word for the record: {@code -e NAME=VALUE} of a secret variable keeps only its name. */
    private String maskArg(String arg, Runbook rb) {
        for (var d : rb.vars().values()) {
            if (d.secret()) {
                int i = arg.indexOf(d.name() + "=");
                if (i >= 0 && (i == 0 || arg.charAt(i - 1) == '=' || arg.startsWith("-e"))) {
                    return arg.substring(0, i + d.name().length() + 1) + MASK;
                }
            }
        }
        return secrets.redact(arg);
    }

    private static Path shown(Path p, Provenance provenance, Path materialized) {
        return materialized != null && p.startsWith(materialized) ? provenance.repoRoot().resolve(materialized.relativize(p)) : p;
    }

    private JsonNode planJson(Plan plan, ModuleRegistry modules) {
        return redactTree(new PlanJsonRenderer(new ArgSummary(modules)).tree(plan, (Provenance) null));
    }

    private JsonNode redactTree(JsonNode node) {
        if (node.isTextual()) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(secrets.redact(node.asText()));
        }
        if (node instanceof ObjectNode obj) {
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> obj.set(n, redactTree(obj.get(n))));
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, redactTree(arr.get(i)));
            }
        }
        return node;
    }

    private static List<Event> events(List<JsonNode> journal) {
        EventJson json = new EventJson();
        List<Event> out = new ArrayList<>();
        for (JsonNode n : journal) {
            try {
                out.add(json.mapper().treeToValue(n, Event.class));
            } catch (IOException | IllegalArgumentException e) {
                // An event type of a newer engine: not a result, so nothing to replay from it.
            }
        }
        return out;
    }

    private ObjectNode startAttempt(RunRecord record, ClusterLock lock, Resume resume) throws IOException {
        ObjectNode meta = record.meta();
        ObjectNode a = meta.withArray("attempts").addObject();
        a.put("started", Instant.now().toString());
        a.put("operator", Operator.name());
        a.put("resumed", resume != null);
        a.put("forced", resume != null && resume.forced());
        a.put("engine_host", Operator.host());
        a.put("engine_pid", ProcessHandle.current().pid());
        ProcessHandle.current().info().startInstant().ifPresent(t -> a.put("engine_started", t.toString()));
        if (lock != null) {
            meta.putObject("lock").put("dir", lock.lockDir());
        }
        meta.put("outcome", RunRecord.RUNNING);
        meta.putNull("finished");
        record.save();
        return a;
    }

    private void finish(RunRecord record, ObjectNode attempt, RunResult result) throws IOException {
        Instant now = Instant.now();
        String outcome = RunRecord.outcome(result);
        ObjectNode meta = record.meta();
        attempt.put("finished", now.toString());
        attempt.put("outcome", outcome);
        meta.put("outcome", outcome);
        meta.put("status", result.status().name().toLowerCase(java.util.Locale.ROOT));
        meta.put("rollback", result.rollback().name().toLowerCase(java.util.Locale.ROOT));
        meta.put("exit_code", result.exitCode());
        meta.put("finished", now.toString());
        Instant started = Instant.parse(meta.path("started").asText(now.toString()));
        meta.put("duration_ms", Duration.between(started, now).toMillis());
        Optional<ReportData.Window> window = MaintenanceWindow.of(record.journal());
        if (window.isPresent()) {
            ObjectNode w = meta.putObject("maintenance_window");
            w.put("start", window.get().start().toString());
            if (window.get().end() != null) {
                w.put("end", window.get().end().toString());
                w.put("duration_ms", window.get().duration().toMillis());
            } else {
                w.putNull("end");
            }
        } else {
            meta.remove("maintenance_window");
        }
        record.save();
        var to = flags.json ? cli.err() : cli.out();
        window.ifPresent(w -> to.println(w.end() == null
                ? "maintenance window: opened at " + w.start() + " and NOT closed: the load balancer is still in maintenance"
                : "maintenance window: " + HtmlReport.human(w.duration())));
        to.println("run record: " + record.dir() + "  (runbook show " + record.runId() + ")");
        to.flush();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp copy of committed files is harmless.
        }
    }
}
