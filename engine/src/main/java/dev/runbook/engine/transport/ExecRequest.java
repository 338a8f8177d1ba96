package dev.runbook.engine.transport;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A command to run. Exactly one of {@code argv} (no shell: each element is passed as one word,
 * quoted safely by the transport) or {@code shell} (a {@code /bin/sh -c} script) is set.
 *
 * @param env      extra environment; values never appear in the remote process's argv (so not in ps)
 * @param stdin    bytes fed to the command's standard input, or null
 * @param timeout  kill the command after this long, or null for no limit
 * @param become   run via sudo as this user, or null
 * @param listener receives output as it arrives, or null
 */
public record ExecRequest(List<String> argv, String shell, Map<String, String> env, byte[] stdin,
                          Duration timeout, Become become, OutputListener listener) {

    public ExecRequest {
        if ((argv == null) == (shell == null)) {
            throw new IllegalArgumentException("give exactly one of argv or shell");
        }
        argv = argv == null ? null : List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public static ExecRequest argv(List<String> argv) {
        return new ExecRequest(argv, null, Map.of(), null, null, null, null);
    }

    public static ExecRequest argv(String... argv) {
        return argv(List.of(argv));
    }

    public static ExecRequest shell(String script) {
        return new ExecRequest(null, script, Map.of(), null, null, null, null);
    }

    public ExecRequest withEnv(Map<String, String> env) {
        return new ExecRequest(argv, shell, env, stdin, timeout, become, listener);
    }

    public ExecRequest withStdin(byte[] stdin) {
        return new ExecRequest(argv, shell, env, stdin, timeout, become, listener);
    }

    public ExecRequest withTimeout(Duration timeout) {
        return new ExecRequest(argv, shell, env, stdin, timeout, become, listener);
    }

    public ExecRequest withBecome(Become become) {
        return new ExecRequest(argv, shell, env, stdin, timeout, become, listener);
    }

    public ExecRequest withListener(OutputListener listener) {
        return new ExecRequest(argv, shell, env, stdin, timeout, become, listener);
    }

    /** A readable form for messages: argv joined with spaces, or the shell script. */
    public String display() {
        return argv != null ? String.join(" ", argv) : shell;
    }
}
