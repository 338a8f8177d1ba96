package dev.runbook.engine.ssh;

import dev.runbook.engine.transport.ExecRequest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns an {@link ExecRequest} into the command string an SSH exec request carries plus a preamble
 * written to the command's stdin before the caller's stdin.
 *
 * <p>The command line is {@code [sudo ...] [timeout ...] sh -c BOOT rb WORD...}, every word single-quoted.
 * Secrets never appear in it:
 * <ul>
 * <li>Environment variables travel in the stdin preamble, one {@code NAME=base64(value)} line each,
 *     after a marker line. {@code BOOT} reads them with the shell's {@code read} (which consumes
 *     stdin byte by byte, so the caller's stdin after the preamble stays intact for the command),
 *     exports them and {@code exec}s the command. Values thus live only in the environment of the
 *     shell and the command, never in any argv visible in {@code ps}. No temp file is involved.</li>
 * <li>A sudo password is the first stdin line ({@code sudo -S -p ''}); sudo reads exactly one line.
 *     If sudo did not need it (NOPASSWD, cached credentials), BOOT skips it: it discards everything
 *     before the marker line.</li>
 * </ul>
 * A timeout runs the command under GNU {@code timeout}, which makes its own process group and on
 * expiry signals the whole group (TERM, then KILL after a grace period), so children such as
 * {@code sh -c "sleep 100"} die with the command. It runs inside sudo, so it can kill root processes.
 */
final class RemoteCommand {

    static final String MARKER = "--runbook-env--";
    private static final Duration KILL_GRACE = Duration.ofSeconds(3);
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    /** Reads the preamble, exports the variables, then runs "$@". Contains no single quote. */
    static final String BOOT = "while IFS= read -r l; do [ \"$l\" = " + MARKER + " ] && break; done; "
            + "while IFS= read -r l && [ -n \"$l\" ]; do v=$(printf %s \"${l#*=}\" | base64 -d && echo x) || exit 125; "
            + "export \"${l%%=*}=${v%x}\"; done; exec \"$@\"";

    private RemoteCommand() {
    }

    /** What to send: the exec command string and the stdin preamble (contains secrets: never log it). */
    record Prepared(String command, byte[] preamble) {
    }

    /**
     * @param becomeUser     sudo to this user, or null
     * @param becomePassword the sudo password, or null for {@code sudo -n}
     */
    static Prepared prepare(ExecRequest request, String becomeUser, char[] becomePassword) {
        List<String> words = new ArrayList<>();
        if (becomeUser != null) {
            if (!USER_NAME.matcher(becomeUser).matches()) {
                throw new IllegalArgumentException("become user '" + becomeUser + "' is not a valid user name");
            }
            words.add("sudo");
            words.add(becomePassword != null ? "-S" : "-n");
            if (becomePassword != null) {
                words.add("-p");
                words.add("");
            }
            words.addAll(List.of("-u", becomeUser, "--"));
        }
        if (request.timeout() != null) {
            words.addAll(List.of("timeout", "-k", seconds(KILL_GRACE), seconds(request.timeout())));
        }
        words.addAll(List.of("sh", "-c", BOOT, "rb"));
        if (request.argv() != null) {
            if (request.argv().isEmpty()) {
                throw new IllegalArgumentException("empty argv");
            }
            words.addAll(request.argv());
        } else {
            words.addAll(List.of("/bin/sh", "-c", request.shell()));
        }
        StringBuilder cmd = new StringBuilder("exec");
        for (String w : words) {
            cmd.append(' ').append(quote(w));
        }
        return new Prepared(cmd.toString(), preamble(request.env(), becomePassword));
    }

    private static byte[] preamble(Map<String, String> env, char[] becomePassword) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (becomePassword != null) {
            byte[] pw = new String(becomePassword).getBytes(StandardCharsets.UTF_8);
            out.write(pw, 0, pw.length);
            java.util.Arrays.fill(pw, (byte) 0);
            out.write('\n');
        }
        out.writeBytes((MARKER + "\n").getBytes(StandardCharsets.US_ASCII));
        for (var e : env.entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("environment variable name '" + e.getKey() + "' is not valid (letters, digits, _; not starting with a digit)");
            }
            String v = Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8));
            out.writeBytes((e.getKey() + "=" + v + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** One shell word: single-quoted, with embedded single quotes as '\''. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String seconds(Duration d) {
        long ms = Math.max(1, d.toMillis());
        return ms % 1000 == 0 ? (ms / 1000) + "s" : String.format(java.util.Locale.ROOT, "%.3fs", ms / 1000.0);
    }
}
