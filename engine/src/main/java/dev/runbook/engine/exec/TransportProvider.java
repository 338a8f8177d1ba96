package dev.runbook.engine.exec;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.transport.Transport;
import dev.runbook.engine.transport.TransportException;

/**
 * Opens the connection to a host. The executor opens at most one per host per run (on the host's
 * first step), shares it between that host's steps, and closes it when the run ends.
 * The SSH helper's TransportFactory is the production implementation.
 */
@FunctionalInterface
public interface TransportProvider {

    /** @throws TransportException with {@code unreachable() == true} when the host cannot be reached */
    Transport open(Host host) throws TransportException, InterruptedException;

    /** Local hosts only; any SSH host is refused with a clear message (for tests and {@code connection: local} inventories). */
    static TransportProvider localOnly() {
        return host -> {
            if (host.connection() != Host.Connection.LOCAL) {
                throw new TransportException("host " + host.name() + " needs SSH, which this run was not given", true);
            }
            return new dev.runbook.engine.local.LocalTransport(host.name());
        };
    }
}
