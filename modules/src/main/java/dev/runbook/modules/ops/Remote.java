package dev.runbook.modules.ops;

import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.FileAttrs;
import dev.runbook.engine.transport.FileInfo;
import dev.runbook.engine.transport.Transport;
import dev.runbook.engine.transport.TransportException;
import dev.runbook.modules.support.Texts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small conveniences over the step's {@link Transport} for the operations modules.
 *
 * <p>Privileges: modules never set {@code become} themselves. The executor wraps the transport so
 * that the step's {@code become} applies to every exec/putFile/readFile whose request does not set
 * one; these helpers therefore pass {@code null} and inherit the step's choice.
 *
 * <p>Scripts are run as {@code /bin/sh -c SCRIPT sh ARG...}: values travel as positional
 * parameters, never spliced into the script text, so no quoting mistakes and no injection.
 */
public final class Remote {

    /** Room for a failing command's output in messages: validators print several lines worth keeping. */
    private static final int ERROR_CAP = 4000;

    private final Transport transport;
    private final Duration commandTimeout;

    public Remote(Transport transport, Duration commandTimeout) {
        this.transport = transport;
        this.commandTimeout = commandTimeout;
    }

    public Remote(Transport transport) {
        this(transport, Duration.ofMinutes(10));
    }

    public Transport transport() {
        return transport;
    }

    /** Runs argv; a non-zero exit is returned, not thrown. */
    public ExecResult exec(List<String> argv, Map<String, String> env) throws TransportException, InterruptedException {
        return transport.exec(ExecRequest.argv(argv).withEnv(env).withTimeout(commandTimeout));
    }

    public ExecResult exec(List<String> argv) throws TransportException, InterruptedException {
        return exec(argv, Map.of());
    }

    /** Runs a fixed script with positional parameters {@code $1..}. */
    public ExecResult script(String script, List<String> args, Map<String, String> env) throws TransportException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh"));
        argv.addAll(args);
        return exec(argv, env);
    }

    public ExecResult script(String script, String... args) throws TransportException, InterruptedException {
        return script(script, List.of(args), Map.of());
    }

    /** Runs a command line the user wrote (e.g. {@code reload_command}) through the shell. */
    public ExecResult shell(String commandLine) throws TransportException, InterruptedException {
        return transport.exec(ExecRequest.shell(commandLine).withTimeout(commandTimeout));
    }

    /** Like {@link #exec} but a failure becomes an {@link OpException} naming the command and its stderr. */
    public ExecResult must(String what, List<String> argv, Map<String, String> env) throws OpException, TransportException, InterruptedException {
        return checked(what, exec(argv, env));
    }

    public ExecResult must(String what, List<String> argv) throws OpException, TransportException, InterruptedException {
        return must(what, argv, Map.of());
    }

    public ExecResult mustScript(String what, String script, String... args) throws OpException, TransportException, InterruptedException {
        return checked(what, script(script, args));
    }

    public static ExecResult checked(String what, ExecResult r) throws OpException {
        if (!r.ok()) {
            throw new OpException(what + " failed (" + describeExit(r) + ")" + errorText(r));
        }
        return r;
    }

    public static String describeExit(ExecResult r) {
        return r.timedOut() ? "timed out" : "exit " + r.exitCode();
    }

    /** ": " + the command's stderr (or stdout when stderr is empty), trimmed to a readable size. */
    public static String errorText(ExecResult r) {
        return Texts.suffix(r.stderr().isBlank() ? r.stdout() : r.stderr(), ERROR_CAP);
    }

    public Optional<String> readText(String path) throws TransportException, InterruptedException {
        return transport.readFile(path, null).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    public String mustRead(String path, String what) throws OpException, TransportException, InterruptedException {
        return readText(path).orElseThrow(() -> new OpException(what + " " + path + " does not exist"));
    }

    public Optional<FileInfo> stat(String path) throws TransportException, InterruptedException {
        return transport.stat(path, null);
    }

    /** Atomically writes text, keeping the mode and ownership of {@code like} when it exists. */
    public void writeLike(String path, String content, Optional<FileInfo> like) throws TransportException, InterruptedException {
        FileAttrs attrs = like.map(i -> new FileAttrs(i.mode(), i.owner(), i.group())).orElse(FileAttrs.DEFAULT);
        transport.putFile(path, content.getBytes(StandardCharsets.UTF_8), attrs, null);
    }

    public void remove(String... paths) throws TransportException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("rm", "-f", "--"));
        argv.addAll(List.of(paths));
        exec(argv);
    }

    /** The SHA-256 of a file on the host, computed there with {@code sha256sum}. */
    public String sha256(String path) throws OpException, TransportException, InterruptedException {
        ExecResult r = must("sha256sum " + path, List.of("sha256sum", "--", path));
        String hex = r.stdout().strip().split("\\s+")[0];
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new OpException("sha256sum " + path + " printed no checksum: " + r.stdout().strip());
        }
        return hex;
    }
}
