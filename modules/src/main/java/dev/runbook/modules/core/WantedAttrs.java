package dev.runbook.modules.core;

import dev.runbook.engine.module.Args;
import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.FileAttrs;
import dev.runbook.engine.transport.Transport;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.support.Texts;

import java.util.ArrayList;
import java.util.List;

/** The mode / owner / group a step asks for; null fields are left as they are. */
record WantedAttrs(Integer mode, String owner, String group) {

    static WantedAttrs from(Args args) {
        return new WantedAttrs(Modes.parse(args.raw("mode")), args.optString("owner").orElse(null), args.optString("group").orElse(null));
    }

    FileAttrs toFileAttrs() {
        return new FileAttrs(mode, owner, group);
    }

    /** What differs from the observed state, in words ("mode 0600 → 0644"); empty when nothing does. */
    List<String> differences(PathState s) {
        List<String> d = new ArrayList<>();
        // a link's own mode is meaningless on Linux; only its ownership can change
        if (mode != null && s.type() != PathState.Type.LINK && mode != s.mode()) {
            d.add("mode " + Modes.format(s.mode()) + " → " + Modes.format(mode));
        }
        if (owner != null && !owner.equals(s.owner())) {
            d.add("owner " + s.owner() + " → " + owner);
        }
        if (group != null && !group.equals(s.group())) {
            d.add("group " + s.group() + " → " + group);
        }
        return d;
    }

    /** Applies the attributes (recursively for a directory tree when asked). */
    void apply(Transport t, String path, Become become, boolean recurse, boolean isLink) throws TransportException, InterruptedException {
        List<String> r = recurse ? List.of("-R") : List.of();
        if (owner != null || group != null) {
            List<String> argv = new ArrayList<>(List.of("chown"));
            argv.addAll(r);
            if (isLink) {
                argv.add("-h");
            }
            argv.add((owner == null ? "" : owner) + (group == null ? "" : ":" + group));
            argv.add("--");
            argv.add(path);
            run(t, argv, become);
        }
        if (mode != null && !isLink) {
            List<String> argv = new ArrayList<>(List.of("chmod"));
            argv.addAll(r);
            argv.add(Modes.format(mode));
            argv.add("--");
            argv.add(path);
            run(t, argv, become);
        }
    }

    /** True when some entry below a directory does not have the wanted attributes (for recurse). */
    boolean treeDiffers(Transport t, String path, Become become) throws TransportException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("find", path, "("));
        List<String> tests = new ArrayList<>();
        if (owner != null) {
            tests.addAll(List.of("!", "-user", owner));
        }
        if (group != null) {
            if (!tests.isEmpty()) {
                tests.add("-o");
            }
            tests.addAll(List.of("!", "-group", group));
        }
        if (mode != null) {
            if (!tests.isEmpty()) {
                tests.add("-o");
            }
            tests.addAll(List.of("(", "!", "-type", "l", "!", "-perm", Modes.format(mode), ")"));
        }
        if (tests.isEmpty()) {
            return false;
        }
        argv.addAll(tests);
        argv.addAll(List.of(")", "-print", "-quit"));
        ExecResult res = t.exec(ExecRequest.argv(argv).withBecome(become));
        if (!res.ok()) {
            throw new TransportException("cannot inspect the tree under " + path + Texts.suffix(res.stderr()), false);
        }
        return !res.stdout().isBlank();
    }

    static void run(Transport t, List<String> argv, Become become) throws TransportException, InterruptedException {
        ExecResult res = t.exec(ExecRequest.argv(argv).withBecome(become));
        if (!res.ok()) {
            throw new ModuleFailure(argv.get(0) + " failed (rc " + res.exitCode() + ")" + Texts.suffix(res.stderr()));
        }
    }
}
