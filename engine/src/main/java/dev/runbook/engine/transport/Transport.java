package dev.runbook.engine.transport;

import java.util.Optional;

/**
 * A connection to one host. Implementations: SSH (sshj) and local (commons-exec). One transport per
 * host per run, opened once, shared by every step on that host; safe for concurrent use (an SSH
 * transport bounds its concurrent channels).
 */
public interface Transport extends AutoCloseable {

    /** The inventory name of the host. */
    String hostName();

    /**
     * Runs a command and waits for it. A non-zero exit is a normal result, not an exception.
     * A timeout kills the command (the whole process tree, locally) and returns {@code timedOut}.
     *
     * @throws TransportException when the host cannot be reached or the connection breaks
     */
    ExecResult exec(ExecRequest request) throws TransportException, InterruptedException;

    /**
     * Writes a file atomically: a temporary file in the same directory, then rename over the target,
     * then mode and owner. With {@code become}, the final file is placed with root privileges.
     */
    void putFile(String path, byte[] content, FileAttrs attrs, Become become) throws TransportException, InterruptedException;

    /** Reads a whole file; empty when it does not exist. */
    Optional<byte[]> readFile(String path, Become become) throws TransportException, InterruptedException;

    /** Facts about a path; empty when it does not exist. */
    Optional<FileInfo> stat(String path, Become become) throws TransportException, InterruptedException;

    @Override
    void close();
}
