package dev.runbook.modules.core;

import dev.runbook.engine.transport.Become;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.transport.FileAttrs;
import dev.runbook.engine.transport.FileInfo;
import dev.runbook.engine.transport.Transport;
import dev.runbook.engine.transport.TransportException;

import java.util.Optional;

/**
 * Applies a step's {@code become} to every transport call that does not ask for its own, as the
 * engine's executor does for modules (the executor's own wrapper is not on this branch's engine).
 */
final class BecomeTransport implements Transport {

    private final Transport delegate;
    private final Become become;

    BecomeTransport(Transport delegate, Become become) {
        this.delegate = delegate;
        this.become = become;
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
        // the step does not own the connection; whoever opened the delegate closes it
    }
}
