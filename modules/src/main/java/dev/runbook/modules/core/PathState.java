package dev.runbook.modules.core;

import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.Transport;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.support.Texts;

import java.util.Optional;

/**
 * What a path is on the target host, observed with one command (GNU stat, present on Debian):
 * unlike {@link Transport#stat} it tells symbolic links apart and reads their target.
 *
 * @param linkTarget the link's target when {@code type} is LINK, else null
 */
record PathState(Type type, int mode, String owner, String group, String linkTarget) {

    enum Type { FILE, DIRECTORY, LINK, OTHER }

    // %F is the file type, %a the permission bits in octal; readlink only runs for links.
    private static final String SCRIPT = "if [ -e \"$1\" ] || [ -L \"$1\" ]; then stat -c '%F|%a|%U|%G' -- \"$1\" || exit 2; "
            + "if [ -L \"$1\" ]; then readlink -- \"$1\"; fi; else exit 3; fi";

    static Optional<PathState> probe(Transport t, String path, Become become) throws TransportException, InterruptedException {
        ExecResult r = t.exec(ExecRequest.argv("/bin/sh", "-c", SCRIPT, "sh", path).withBecome(become));
        if (r.exitCode() == 3) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw new TransportException("cannot inspect " + path + " on " + t.hostName() + Texts.suffix(r.stderr()), false);
        }
        String[] lines = r.stdout().split("\n", 2);
        String[] f = lines[0].split("\\|", -1);
        if (f.length != 4) {
            throw new TransportException("unexpected stat output for " + path + ": " + Texts.brief(r.stdout()), false);
        }
        Type type = switch (f[0]) {
            case "regular file", "regular empty file" -> Type.FILE;
            case "directory" -> Type.DIRECTORY;
            case "symbolic link" -> Type.LINK;
            default -> Type.OTHER;
        };
        String target = type == Type.LINK && lines.length > 1 ? lines[1].strip() : null;
        return Optional.of(new PathState(type, Integer.parseInt(f[1], 8) & 07777, f[2], f[3], target));
    }

    String describe() {
        return switch (type) {
            case FILE -> "a file";
            case DIRECTORY -> "a directory";
            case LINK -> "a symbolic link to " + linkTarget;
            case OTHER -> "a special file";
        };
    }
}
