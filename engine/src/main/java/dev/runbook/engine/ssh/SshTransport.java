package dev.runbook.engine.ssh;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.local.StreamCollector;
import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.FileAttrs;
import dev.runbook.engine.transport.FileInfo;
import dev.runbook.engine.transport.Transport;
import dev.runbook.engine.transport.TransportException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs commands and moves files on one host over the run's shared SSH connection to it (see
 * {@link SshConnections}). Commands are exec channels (see {@link RemoteCommand} for how argv, env,
 * sudo and timeouts are encoded); files go over SFTP, or through sudo for {@code become}.
 * Closing a transport does not close the shared connection: {@link TransportFactory#close()} does.
 */
public final class SshTransport implements Transport {

    /** How long past its timeout a command may take to report its end before the channel is closed. */
    private static final Duration CLIENT_GRACE = Duration.ofSeconds(10);

    private final Host host;
    private final SshConnections connections;
    private final SshFiles files;

    public SshTransport(Host host, SshConnections connections) {
        if (host.connection() != Host.Connection.SSH) {
            throw new IllegalArgumentException("host " + host.name() + " is not an SSH host");
        }
        this.host = host;
        this.connections = connections;
        this.files = new SshFiles(this);
    }

    @Override
    public String hostName() {
        return host.name();
    }

    Host host() {
        return host;
    }

    SshConnection connection() throws TransportException {
        return connections.get(host);
    }

    /** Opens the connection now (it is otherwise opened by the first command). */
    public void connect() throws TransportException {
        connection();
    }

    @Override
    public ExecResult exec(ExecRequest request) throws TransportException, InterruptedException {
        String becomeUser = becomeUser(request.become());
        char[] password = becomeUser == null ? null : becomePassword(becomeUser);
        RemoteCommand.Prepared prepared;
        try {
            prepared = RemoteCommand.prepare(request, becomeUser, password);
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
        SshConnection conn = connection();
        conn.channels().acquire();
        try {
            return run(conn, request, prepared);
        } finally {
            conn.channels().release();
        }
    }

    /**
     * Opens a session channel. sshd frees a closed channel's slot a moment after the client sees the
     * close, so under a full channel bound an open can be refused ("open failed") though we are within
     * MaxSessions: retry such refusals briefly instead of failing the step.
     */
    private Session openSession(SshConnection conn) throws TransportException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return conn.client().startSession();
            } catch (net.schmizz.sshj.connection.channel.OpenFailException e) {
                if (attempt >= 8) {
                    throw lost("cannot open a channel (the server refused " + attempt + " times)", e);
                }
                Thread.sleep(50L * attempt);
            } catch (IOException e) {
                throw lost("cannot open a channel", e);
            }
        }
    }

    private ExecResult run(SshConnection conn, ExecRequest request, RemoteCommand.Prepared prepared)
            throws TransportException, InterruptedException {
        StreamCollector out = new StreamCollector(request.listener() == null ? null : request.listener()::stdout);
        StreamCollector err = new StreamCollector(request.listener() == null ? null : request.listener()::stderr);
        long start = System.nanoTime();
        Session session;
        Session.Command cmd;
        session = openSession(conn);
        try {
            try {
                cmd = session.exec(prepared.command());
            } catch (IOException e) {
                throw lost("cannot start a command", e);
            }
            var io = connections.io();
            // Both streams are drained at once: a full stderr window would otherwise stall stdout.
            Future<?> outDone = io.submit(() -> pump(cmd.getInputStream(), out));
            Future<?> errDone = io.submit(() -> pump(cmd.getErrorStream(), err));
            io.submit(() -> feed(cmd.getOutputStream(), prepared.preamble(), request.stdin()));

            boolean timedOut = false;
            long deadline = request.timeout() == null ? Long.MAX_VALUE
                    : start + request.timeout().plus(CLIENT_GRACE).toNanos();
            try {
                await(outDone, deadline);
                await(errDone, deadline);
                cmd.join(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // The remote `timeout` should have ended it; it did not report back: give up on the channel.
                timedOut = true;
                signalQuietly(cmd);
            } catch (InterruptedException e) {
                signalQuietly(cmd);
                throw e;
            } catch (IOException e) {
                if (!timedOut && cmd.getExitStatus() == null) {
                    throw lost("lost the command's channel", e);
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Integer status = cmd.getExitStatus();
            int exit = status != null ? status : -1;
            // GNU timeout exits 124 (or 137 after KILL) when the limit expired.
            if (request.timeout() != null && (exit == 124 || exit == 137) && took.compareTo(request.timeout()) >= 0) {
                timedOut = true;
            }
            if (status == null && !timedOut && !conn.isUsable()) {
                throw lost("the connection broke while the command ran", null);
            }
            out.close();
            err.close();
            String stderr = err.text();
            if (status == null && cmd.getExitSignal() != null) {
                stderr = stderr + (stderr.isEmpty() ? "" : "\n") + "[killed by signal " + cmd.getExitSignal() + "]";
            }
            return new ExecResult(timedOut ? -1 : exit, out.text(), stderr, timedOut, took);
        } finally {
            closeChannel(session);
        }
    }

    private static void await(Future<?> f, long deadlineNanos) throws TimeoutException, InterruptedException, IOException {
        try {
            if (deadlineNanos == Long.MAX_VALUE) {
                f.get();
            } else {
                f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static Void pump(InputStream in, OutputStream to) throws IOException {
        in.transferTo(to);
        return null;
    }

    private static Void feed(OutputStream to, byte[] preamble, byte[] stdin) {
        try (to) {
            to.write(preamble);
            if (stdin != null) {
                to.write(stdin);
            }
            to.flush();
        } catch (IOException e) {
            // The command ended without reading all its input (e.g. `true`): that is its choice, not an error.
            return null;
        }
        return null;
    }

    private static void closeChannel(Session session) {
        try {
            session.close();
        } catch (IOException e) {
            // The channel is gone either way; a failed close message tells the caller nothing useful.
            return;
        }
    }

    private static void signalQuietly(Session.Command cmd) {
        try {
            cmd.signal(Signal.KILL);
        } catch (IOException e) {
            // The channel is closed next anyway.
            return;
        }
    }

    private TransportException lost(String what, Throwable cause) {
        return new TransportException(what + " on " + host.name() + " (" + host.address() + ":" + host.port() + ")"
                + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""), true, cause);
    }

    /** The sudo target, or null when no sudo is needed (no become, or become as the login user). */
    String becomeUser(Become become) {
        if (become == null || become.user().equals(host.user())) {
            return null;
        }
        return become.user();
    }

    private char[] becomePassword(String user) {
        SshOptions o = connections.options();
        Object envName = host.vars().get(SshOptions.BECOME_PASSWORD_ENV_VAR);
        SecretSource source = envName instanceof String s && !s.isBlank()
                ? SecretSource.env(s, o.env()).orElse(o.becomePasswordSource())
                : o.becomePasswordSource();
        return source.get("sudo password of " + host.user() + " on " + host.name() + " (to become " + user + ")").orElse(null);
    }

    @Override
    public void putFile(String path, byte[] content, FileAttrs attrs, Become become) throws TransportException, InterruptedException {
        files.put(path, content, attrs == null ? FileAttrs.DEFAULT : attrs, becomeUser(become) == null ? null : become);
    }

    @Override
    public Optional<byte[]> readFile(String path, Become become) throws TransportException, InterruptedException {
        return files.read(path, becomeUser(become) == null ? null : become);
    }

    @Override
    public Optional<FileInfo> stat(String path, Become become) throws TransportException, InterruptedException {
        return files.stat(path, becomeUser(become) == null ? null : become);
    }

    @Override
    public void close() {
        // The connection is shared by the whole run and closed with the TransportFactory / SshConnections.
    }
}
