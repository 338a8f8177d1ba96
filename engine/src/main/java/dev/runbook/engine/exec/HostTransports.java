package dev.runbook.engine.exec;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.transport.Transport;
import dev.runbook.engine.transport.TransportException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One transport per host for the whole run, opened on the host's first step. A host whose connection
 * fails is tried again by its next step (the first failure already marked that step unreachable).
 */
final class HostTransports implements AutoCloseable {

    private final TransportProvider provider;
    private final Map<String, Transport> open = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    HostTransports(TransportProvider provider) {
        this.provider = provider;
    }

    Transport get(Host host) throws TransportException, InterruptedException {
        Transport t = open.get(host.name());
        if (t != null) {
            return t;
        }
        synchronized (locks.computeIfAbsent(host.name(), k -> new Object())) {
            t = open.get(host.name());
            if (t == null) {
                t = provider.open(host);
                open.put(host.name(), t);
            }
            return t;
        }
    }

    @Override
    public void close() {
        open.values().forEach(Transport::close);
        open.clear();
    }
}
