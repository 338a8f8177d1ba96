package dev.runbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbook.engine.record.FileDigests;
import dev.runbook.engine.record.RunRecord;
import dev.runbook.engine.record.RunRecordStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code runbook resume RUN}: continues a recorded run from its journal. Step × host results that
 * completed are not run again (their registered values are replayed and they stay in the undo
 * chain); failed, unreachable, blocked and never-started ones run. The runbook, includes and
 * inventory must be unchanged since the run (SHA-256 in run.json) unless {@code --force}.
 */
@Command(name = "resume", description = "Continue a recorded run without repeating completed steps.", mixinStandardHelpOptions = true,
        footer = {"", ExitCodes.HELP})
final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "Run id, or an unambiguous prefix of one.")
    String run;

    @Option(names = "--force", description = "Resume even though the runbook, an include or the inventory changed since the run.")
    boolean force;

    @Mixin
    ExecFlags flags = new ExecFlags();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Cli cli;

    ResumeCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        RunRecordStore store = Records.store(cli, flags.recordDir);
        String id = Records.resolve(store, run);
        RunRecord record = RunRecord.reopen(store, id);
        JsonNode meta = record.meta();
        if (!force) {
            List<String> changed = changedInputs(meta);
            if (!changed.isEmpty()) {
                throw new CliFailure(ExitCodes.INVALID, "cannot resume run " + id + ": changed since the run: "
                        + String.join(", ", changed) + "; restore them, or resume with --force to run the changed version");
            }
        }
        Map<String, Object> given = flags.extraVars(cli.modules().get());
        List<String> missing = new ArrayList<>();
        meta.path("secret_vars").forEach(n -> {
            if (!given.containsKey(n.asText())) {
                missing.add(n.asText());
            }
        });
        if (!missing.isEmpty()) {
            throw new CliFailure(ExitCodes.INVALID, "run " + id + " was given the secret variable(s) " + String.join(", ", missing)
                    + "; secrets are never stored in run records, so give them again: "
                    + String.join(" ", missing.stream().map(n -> "-e " + n + "=...").toList()));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        meta.path("extra_vars").fields().forEachRemaining(f -> extra.put(f.getKey(), f.getValue().asText()));
        meta.path("secret_vars").forEach(n -> extra.remove(n.asText()));
        extra.putAll(given);
        JsonNode o = meta.path("options");
        JsonNode git = meta.path("git");
        // A run from --ref is resumed from the very commit it ran, whatever the ref points to now.
        String ref = git.path("ref").isTextual() ? git.path("commit").asText() : null;
        RunTarget target = new RunTarget(Path.of(meta.path("runbook").asText()), Path.of(meta.path("inventory").asText()), extra,
                o.path("limit").isTextual() ? o.path("limit").asText() : null, texts(o.path("tags")), texts(o.path("skip_tags")),
                o.path("check").asBoolean(false), o.path("require_clean").asBoolean(false), ref);
        // The original arguments start with the command name already.
        List<String> argv = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!flags.json) {
            cli.out().println("resuming run " + id + " (" + meta.path("runbook_name").asText() + ", last outcome: "
                    + meta.path("outcome").asText() + ")");
        }
        return new RunSession(cli, flags).execute(target, argv, new RunSession.Resume(store, record, force));
    }

    /** Inputs whose SHA-256 differs from run.json (or that are gone). Runs from --ref are checked at their commit instead. */
    private static List<String> changedInputs(JsonNode meta) throws IOException {
        List<String> changed = new ArrayList<>();
        if (meta.path("git").path("ref").isTextual()) {
            return changed; // the committed tree cannot change; materialised again from the recorded commit
        }
        for (JsonNode in : meta.path("inputs")) {
            Path p = Path.of(in.path("path").asText());
            if (!Files.isRegularFile(p)) {
                changed.add(p + " (" + in.path("role").asText() + ", now missing)");
            } else if (!FileDigests.sha256(p).equals(in.path("sha256").asText())) {
                changed.add(p + " (" + in.path("role").asText() + ")");
            }
        }
        return changed;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
