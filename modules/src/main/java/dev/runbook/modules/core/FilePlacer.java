package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.Transport;
import dev.runbook.modules.support.UnifiedDiff;
import dev.runbook.modules.support.Texts;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a file on the host hold given bytes with given attributes (copy, template): compares the
 * SHA-256 on the host first, so an unchanged file is neither transferred back nor rewritten.
 */
final class FilePlacer {

    static final List<Arg> COMMON_ARGS = List.of(
            Arg.required("dest", ArgType.PATH, "Absolute path of the file on the host."),
            Arg.optional("mode", ArgType.ANY, null, "Permissions as an octal string, e.g. \"0644\" (an integer 644 is read as octal too). Default: keep the existing file's, else 0644."),
            Arg.optional("owner", ArgType.STRING, null, "User that should own the file."),
            Arg.optional("group", ArgType.STRING, null, "Group that should own the file."),
            Arg.optional("backup", ArgType.BOOL, false, "Before replacing different content, keep the old file as <dest>.bak-<timestamp>."));

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private FilePlacer() {
    }

    static Outcome place(ModuleContext ctx, byte[] content, String source) throws Exception {
        Args a = ctx.args();
        String dest = a.string("dest");
        WantedAttrs wanted = WantedAttrs.from(a);
        Transport t = ctx.transport();
        Become become = ctx.become();
        Optional<PathState> state = PathState.probe(t, dest, become);
        if (state.isPresent() && state.get().type() == PathState.Type.DIRECTORY) {
            return Outcome.failed(dest + " is a directory; dest must be the full path of the file to write");
        }
        String newSha = Texts.sha256(content);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", dest);
        data.put("sha256", newSha);
        data.put("size", (long) content.length);

        boolean contentDiffers = state.isEmpty() || !newSha.equals(remoteSha(t, dest, become));
        List<String> attrChanges = state.map(wanted::differences).orElse(List.of());
        if (!contentDiffers && attrChanges.isEmpty()) {
            return Outcome.ok(dest + " is up to date", data);
        }

        String diff = null;
        if (ctx.diffMode() && contentDiffers) {
            byte[] old = state.isEmpty() ? new byte[0] : t.readFile(dest, become).orElse(new byte[0]);
            diff = diffOf(old, content, dest, state.isEmpty());
        }
        List<String> what = new ArrayList<>();
        if (state.isEmpty()) {
            what.add("create from " + source);
        } else if (contentDiffers) {
            what.add("replace content from " + source);
        }
        what.addAll(attrChanges);
        if (ctx.checkMode()) {
            return Outcome.changed("would " + String.join(", ", what) + " (" + dest + ")", data, diff);
        }
        if (contentDiffers) {
            if (state.isPresent() && a.bool("backup")) {
                String backup = dest + ".bak-" + LocalDateTime.now().format(STAMP);
                ExecResult r = t.exec(ExecRequest.argv("cp", "-p", "--", dest, backup).withBecome(become));
                if (!r.ok()) {
                    return Outcome.failed("cannot back up " + dest + " to " + backup + Texts.suffix(r.stderr()), data);
                }
                data.put("backup_file", backup);
            }
            // without an explicit mode, keep the replaced file's permissions and ownership
            WantedAttrs effective = state.isPresent()
                    ? new WantedAttrs(wanted.mode() != null ? wanted.mode() : state.get().mode(),
                    wanted.owner() != null ? wanted.owner() : state.get().owner(),
                    wanted.group() != null ? wanted.group() : state.get().group())
                    : new WantedAttrs(wanted.mode() != null ? wanted.mode() : 0644, wanted.owner(), wanted.group());
            t.putFile(dest, content, effective.toFileAttrs(), become);
        } else {
            wanted.apply(t, dest, become, false, false);
        }
        return Outcome.changed(capitalize(String.join(", ", what)) + " (" + dest + ")", data, diff);
    }

    /** SHA-256 of the file as the host computes it (sha256sum, coreutils). */
    private static String remoteSha(Transport t, String path, Become become) throws Exception {
        ExecResult r = t.exec(ExecRequest.argv("sha256sum", "--", path).withBecome(become));
        if (!r.ok()) {
            throw new ModuleFailure("cannot read " + path + " to compare it" + Texts.suffix(r.stderr()));
        }
        return r.stdout().strip().split("\\s+", 2)[0];
    }

    static String diffOf(byte[] before, byte[] after, String path, boolean created) {
        Optional<String> b = Texts.asText(before);
        Optional<String> n = Texts.asText(after);
        if (b.isEmpty() || n.isEmpty()) {
            return "Binary files " + path + " differ\n";
        }
        return UnifiedDiff.diff(b.get(), n.get(), created ? "/dev/null" : path + " (before)", path + " (after)");
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
