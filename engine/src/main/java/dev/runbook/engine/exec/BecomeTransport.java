package dev.runbook.engine.exec;

import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.FileAttrs;
import dev.runbook.engine.transport.FileInfo;
import dev.runbook.engine.transport.Transport;
import dev.runbook.engine.transport.TransportException;

import java.util.Optional;

/**
 * Applies a step's {@code become} to every operation that does not ask for its own, so modules
 * need not thread it through. Closing it does not close the shared host connection.
 * Public so module tests wrap their transports exactly as the executor does.
 */
public final class BecomeTransport implements Transport {

    private final Transport delegate;
    private final Become become;

    BecomeTransport(Transport delegate, Become become) {
        this.delegate = delegate;
        this.become = become;
    }

    /** {@code t} itself when there is nothing to become. */
    public static Transport wrap(Transport t, Become become) {
        return become == null ? t : new BecomeTransport(t, become);
    }

    @Override
    public String hostName() {
        return delegate.hostName();
    }

    @Override
    public ExecResult exec(ExecRequest request) throws TransportException, InterruptedException {
        return delegate.exec(request.become() == null ? request.withBecome(become) : request);
    }

    @Override
    public void putFile(String path, byte[] content, FileAttrs attrs, Become b) throws TransportException, InterruptedException {
        delegate.putFile(path, content, attrs, b == null ? become : b);
    }

    @Override
    public Optional<byte[]> readFile(String path, Become b) throws TransportException, InterruptedException {
        return delegate.readFile(path, b == null ? become : b);
    }

    @Override
    public Optional<FileInfo> stat(String path, Become b) throws TransportException, InterruptedException {
        return delegate.stat(path, b == null ? become : b);
    }

    @Override
    public void close() {
        // the host connection belongs to the run, which closes it at the end
    }
}
