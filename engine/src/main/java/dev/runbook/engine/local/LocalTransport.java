package dev.runbook.engine.local;

import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.FileAttrs;
import dev.runbook.engine.transport.FileInfo;
import dev.runbook.engine.transport.Transport;
import dev.runbook.engine.transport.TransportException;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs commands on the control machine ({@code connection: local}) through commons-exec.
 * On timeout the whole process tree is killed: commons-exec's watchdog alone kills only the direct
 * child, and a grandchild ({@code sh -c "sleep 10"}) would keep the pipes open.
 */
public final class LocalTransport implements Transport {

    private final String hostName;

    public LocalTransport(String hostName) {
        this.hostName = hostName;
    }

    @Override
    public String hostName() {
        return hostName;
    }

    @Override
    public ExecResult exec(ExecRequest request) throws TransportException, InterruptedException {
        List<String> words = new ArrayList<>();
        if (request.become() != null && !isCurrentUser(request.become().user())) {
            // -n: never prompt; a password-protected sudo fails with its own message instead of hanging.
            words.addAll(List.of("sudo", "-n", "-u", request.become().user(), "--"));
        }
        if (request.argv() != null) {
            words.addAll(request.argv());
        } else {
            words.addAll(List.of("/bin/sh", "-c", request.shell()));
        }
        CommandLine cmd = new CommandLine(words.get(0));
        for (String w : words.subList(1, words.size())) {
            cmd.addArgument(w, false);
        }

        StreamCollector out = new StreamCollector(request.listener() == null ? null : request.listener()::stdout);
        StreamCollector err = new StreamCollector(request.listener() == null ? null : request.listener()::stderr);
        ByteArrayInputStream in = new ByteArrayInputStream(request.stdin() == null ? new byte[0] : request.stdin());
        AtomicReference<Process> process = new AtomicReference<>();
        DefaultExecutor executor = new TreeKillingExecutor(process);
        executor.setStreamHandler(new PumpStreamHandler(out, err, in));
        executor.setExitValues(null); // every exit code is a result, not an exception
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(request.env());

        long start = System.nanoTime();
        var handler = new org.apache.commons.exec.DefaultExecuteResultHandler();
        try {
            executor.execute(cmd, env, handler);
        } catch (IOException e) {
            throw new TransportException("cannot start '" + words.get(0) + "' on the control machine: " + e.getMessage(), false, e);
        }
        boolean timedOut = false;
        try {
            if (request.timeout() == null) {
                handler.waitFor();
            } else {
                handler.waitFor(request.timeout());
                if (!handler.hasResult()) {
                    timedOut = true;
                    killWhenStarted(process, handler);
                    handler.waitFor(Duration.ofSeconds(10));
                }
            }
        } catch (InterruptedException e) {
            killWhenStarted(process, handler);
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int exit = handler.hasResult() ? handler.getExitValue() : -1;
        if (handler.hasResult() && handler.getException() != null && !(handler.getException() instanceof ExecuteException)) {
            throw new TransportException("command failed to run on the control machine: " + handler.getException().getMessage(), false,
                    handler.getException());
        }
        return new ExecResult(timedOut ? -1 : exit, out.text(), err.text(), timedOut, took);
    }

    /**
     * commons-exec launches asynchronously: an interrupt or a very short timeout can arrive before the
     * process exists. Wait (briefly) until it does, so it is killed rather than left running.
     */
    private static void killWhenStarted(AtomicReference<Process> process, org.apache.commons.exec.DefaultExecuteResultHandler handler) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (process.get() == null && !handler.hasResult() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        killTree(process.get());
    }

    private static void killTree(Process p) {
        if (p == null) {
            return;
        }
        // Parent first: killing a child first lets a shell run its next command (sleep 2; touch x)
        // before its own kill lands. The children were listed before, so they are still found.
        List<ProcessHandle> descendants = p.toHandle().descendants().toList();
        p.toHandle().destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean isCurrentUser(String user) {
        return user.equals(System.getProperty("user.name"));
    }

    @Override
    public void putFile(String path, byte[] content, FileAttrs attrs, Become become) throws TransportException, InterruptedException {
        if (become != null && !isCurrentUser(become.user())) {
            putViaSudo(path, content, attrs, become);
            return;
        }
        Path target = Path.of(path);
        try {
            Path dir = target.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try {
                Files.write(tmp, content);
                if (attrs.mode() != null) {
                    Files.setPosixFilePermissions(tmp, Modes.toPermissions(attrs.mode()));
                } else if (Files.exists(target)) {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
                } else {
                    Files.setPosixFilePermissions(tmp, Modes.toPermissions(0644));
                }
                var lookup = tmp.getFileSystem().getUserPrincipalLookupService();
                if (attrs.owner() != null) {
                    Files.setOwner(tmp, lookup.lookupPrincipalByName(attrs.owner()));
                }
                if (attrs.group() != null) {
                    Files.getFileAttributeView(tmp, java.nio.file.attribute.PosixFileAttributeView.class)
                            .setGroup(lookup.lookupPrincipalByGroupName(attrs.group()));
                }
                Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new TransportException("cannot write " + path + ": " + e.getMessage(), false, e);
        }
    }

    private void putViaSudo(String path, byte[] content, FileAttrs attrs, Become become) throws TransportException, InterruptedException {
        String mode = attrs.mode() == null ? "0644" : String.format("%04o", attrs.mode());
        String script = "set -e; d=$(dirname \"$1\"); t=$(mktemp \"$d/.rb.XXXXXX\"); cat > \"$t\"; chmod " + mode + " \"$t\"; "
                + (attrs.owner() != null ? "chown \"$2\" \"$t\"; " : "")
                + (attrs.group() != null ? "chgrp \"$3\" \"$t\"; " : "")
                + "mv -f \"$t\" \"$1\"";
        ExecResult r = exec(ExecRequest.argv("/bin/sh", "-c", script, "sh", path,
                        attrs.owner() == null ? "" : attrs.owner(), attrs.group() == null ? "" : attrs.group())
                .withStdin(content).withBecome(become));
        if (!r.ok()) {
            throw new TransportException("cannot write " + path + " as " + become.user() + ": " + r.stderr().strip(), false);
        }
    }

    @Override
    public Optional<byte[]> readFile(String path, Become become) throws TransportException, InterruptedException {
        if (become != null && !isCurrentUser(become.user())) {
            ExecResult r = exec(ExecRequest.argv("/bin/sh", "-c", "test -e \"$1\" || exit 3; cat \"$1\"", "sh", path).withBecome(become));
            if (r.exitCode() == 3) {
                return Optional.empty();
            }
            if (!r.ok()) {
                throw new TransportException("cannot read " + path + ": " + r.stderr().strip(), false);
            }
            return Optional.of(r.stdout().getBytes(StandardCharsets.UTF_8));
        }
        Path p = Path.of(path);
        try {
            return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
        } catch (IOException e) {
            throw new TransportException("cannot read " + path + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public Optional<FileInfo> stat(String path, Become become) throws TransportException {
        Path p = Path.of(path);
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            var a = Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class);
            return Optional.of(new FileInfo(path, a.isDirectory(), a.size(), Modes.fromPermissions(a.permissions()),
                    a.owner().getName(), a.group().getName()));
        } catch (IOException e) {
            throw new TransportException("cannot stat " + path + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public void close() {
        // nothing held open between commands
    }

    /** Remembers the launched process so a timeout can kill its descendants too. */
    private static final class TreeKillingExecutor extends DefaultExecutor {
        private final AtomicReference<Process> process;

        // The builder constructor is package-private in commons-exec 1.6; subclasses must use this one.
        @SuppressWarnings("deprecation")
        TreeKillingExecutor(AtomicReference<Process> process) {
            super();
            this.process = process;
        }

        // commons-exec 1.6 launches through this Path overload; without it the process was never
        // captured and neither a timeout nor an interrupt killed the command's tree.
        @Override
        protected Process launch(CommandLine command, Map<String, String> env, java.nio.file.Path workingDirectory) throws IOException {
            Process p = super.launch(command, env, workingDirectory);
            process.set(p);
            return p;
        }
    }
}
