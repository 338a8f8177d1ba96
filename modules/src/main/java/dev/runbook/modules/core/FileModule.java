package dev.runbook.modules.core;

import dev.runbook.engine.module.Arg;
import dev.runbook.engine.module.ArgSpec;
import dev.runbook.engine.module.ArgType;
import dev.runbook.engine.module.Args;
import dev.runbook.engine.module.ModuleContext;
import dev.runbook.engine.module.Outcome;
import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.Transport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a path be a file, directory, symbolic link or absent, with mode and ownership. Idempotent:
 * unlike Ansible, {@code touch} leaves an existing file's times alone, so a second run is ok.
 */
public final class FileModule extends CoreModule {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.required("path", ArgType.PATH, "Path on the host."),
            Arg.optional("state", ArgType.STRING, "file", "file: must exist, set attributes; directory: create with parents; "
                    + "absent: remove (recursively); touch: create an empty file if missing; link: symbolic link to src.")
                    .choices("file", "directory", "absent", "touch", "link"),
            Arg.optional("src", ArgType.PATH, null, "Target of the symbolic link (state: link)."),
            Arg.optional("mode", ArgType.ANY, null, "Permissions as an octal string, e.g. \"0755\" (an integer 755 is read as octal too)."),
            Arg.optional("owner", ArgType.STRING, null, "User that should own the path."),
            Arg.optional("group", ArgType.STRING, null, "Group that should own the path."),
            Arg.optional("recurse", ArgType.BOOL, false, "With state: directory, apply mode/owner/group to everything below too."));

    public FileModule() {
        super("file", "Ensure a path is a file, directory, symlink or absent, with mode and ownership.", SPEC);
    }

    @Override
    protected Outcome execute(ModuleContext ctx) throws Exception {
        Args a = ctx.args();
        String path = a.string("path");
        String state = a.string("state");
        WantedAttrs wanted = WantedAttrs.from(a);
        Transport t = ctx.transport();
        Become become = ctx.become();
        Optional<PathState> now = PathState.probe(t, path, become);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", path);
        data.put("state", state);
        if (a.has("src") && !state.equals("link")) {
            return Outcome.failed("src is only used with state: link (state is " + state + ")");
        }
        if (a.bool("recurse") && !state.equals("directory")) {
            return Outcome.failed("recurse is only used with state: directory (state is " + state + ")");
        }
        return switch (state) {
            case "absent" -> absent(ctx, path, now, data);
            case "directory" -> directory(ctx, path, now, wanted, data);
            case "link" -> link(ctx, path, now, wanted, data);
            case "touch" -> file(ctx, path, now, wanted, data, true);
            default -> file(ctx, path, now, wanted, data, false);
        };
    }

    private Outcome absent(ModuleContext ctx, String path, Optional<PathState> now, Map<String, Object> data) throws Exception {
        if (now.isEmpty()) {
            return Outcome.ok(path + " is absent", data);
        }
        String normalized = path.replaceAll("/+$", "");
        if (normalized.isEmpty() || normalized.equals("/") || !path.startsWith("/")) {
            return Outcome.failed("refusing to remove '" + path + "': state: absent needs an absolute path other than /");
        }
        if (ctx.checkMode()) {
            return Outcome.changed("would remove " + path + " (" + now.get().describe() + ")", data, null);
        }
        WantedAttrs.run(ctx.transport(), List.of("rm", "-rf", "--", path), ctx.become());
        return Outcome.changed("removed " + path + " (" + now.get().describe() + ")", data, null);
    }

    private Outcome directory(ModuleContext ctx, String path, Optional<PathState> now, WantedAttrs wanted, Map<String, Object> data)
            throws Exception {
        if (now.isPresent() && now.get().type() != PathState.Type.DIRECTORY) {
            return Outcome.failed(path + " exists and is " + now.get().describe() + ", not a directory; remove it first (state: absent)");
        }
        boolean recurse = ctx.args().bool("recurse");
        List<String> what = new ArrayList<>();
        if (now.isEmpty()) {
            what.add("create directory");
        } else {
            what.addAll(wanted.differences(now.get()));
            if (recurse && what.isEmpty() && wanted.treeDiffers(ctx.transport(), path, ctx.become())) {
                what.add("attributes below it");
            }
        }
        if (what.isEmpty()) {
            return Outcome.ok(path + " is a directory as wanted", data);
        }
        if (ctx.checkMode()) {
            return Outcome.changed("would change " + path + ": " + String.join(", ", what), data, null);
        }
        if (now.isEmpty()) {
            WantedAttrs.run(ctx.transport(), List.of("mkdir", "-p", "--", path), ctx.become());
        }
        wanted.apply(ctx.transport(), path, ctx.become(), recurse, false);
        return Outcome.changed("changed " + path + ": " + String.join(", ", what), data, null);
    }

    private Outcome file(ModuleContext ctx, String path, Optional<PathState> now, WantedAttrs wanted, Map<String, Object> data,
                         boolean touch) throws Exception {
        if (now.isPresent() && now.get().type() == PathState.Type.DIRECTORY) {
            return Outcome.failed(path + " is a directory, not a file");
        }
        if (now.isEmpty() && !touch) {
            return Outcome.failed(path + " does not exist; use state: touch to create an empty file, or copy/template to write one");
        }
        List<String> what = new ArrayList<>();
        if (now.isEmpty()) {
            what.add("create empty file");
        } else {
            what.addAll(wanted.differences(now.get()));
        }
        if (what.isEmpty()) {
            return Outcome.ok(path + " is as wanted", data);
        }
        if (ctx.checkMode()) {
            return Outcome.changed("would change " + path + ": " + String.join(", ", what), data, null);
        }
        if (now.isEmpty()) {
            WantedAttrs.run(ctx.transport(), List.of("touch", "--", path), ctx.become());
        }
        wanted.apply(ctx.transport(), path, ctx.become(), false, false);
        return Outcome.changed("changed " + path + ": " + String.join(", ", what), data, null);
    }

    private Outcome link(ModuleContext ctx, String path, Optional<PathState> now, WantedAttrs wanted, Map<String, Object> data)
            throws Exception {
        if (!ctx.args().has("src")) {
            return Outcome.failed("state: link needs src (the path the link points to)");
        }
        String src = ctx.args().string("src");
        data.put("src", src);
        if (now.isPresent() && now.get().type() != PathState.Type.LINK) {
            return Outcome.failed(path + " exists and is " + now.get().describe() + ", not a link; remove it first (state: absent)");
        }
        List<String> what = new ArrayList<>();
        if (now.isEmpty()) {
            what.add("create link to " + src);
        } else if (!src.equals(now.get().linkTarget())) {
            what.add("link target " + now.get().linkTarget() + " → " + src);
        } else {
            what.addAll(wanted.differences(now.get()));
        }
        if (what.isEmpty()) {
            return Outcome.ok(path + " links to " + src, data);
        }
        if (ctx.checkMode()) {
            return Outcome.changed("would change " + path + ": " + String.join(", ", what), data, null);
        }
        // -n: replace a link to a directory instead of creating a link inside that directory
        WantedAttrs.run(ctx.transport(), List.of("ln", "-sfn", "--", src, path), ctx.become());
        wanted.apply(ctx.transport(), path, ctx.become(), false, true);
        return Outcome.changed("changed " + path + ": " + String.join(", ", what), data, null);
    }
}
