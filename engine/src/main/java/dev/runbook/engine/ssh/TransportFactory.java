package dev.runbook.engine.ssh;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.local.LocalTransport;
import dev.runbook.engine.transport.Transport;

import java.nio.file.Path;

/**
 * Builds the transport for each inventory host of a run: {@code connection: local} hosts get a
 * {@link LocalTransport}, SSH hosts an {@link SshTransport} on the run's shared connections (one
 * per host, opened lazily). Close the factory at the end of the run to close every connection.
 *
 * <p>known_hosts: {@link SshOptions#knownHosts()} if given, else the inventory's
 * {@code settings.known_hosts}, else {@code ~/.ssh/known_hosts}.
 */
public final class TransportFactory implements AutoCloseable {

    private final SshConnections connections;
    private final Path knownHosts;

    /**
     * Starts setting up the SSH client's security providers in the background. The first setup
     * costs one to three seconds (BouncyCastle registration); a command that will connect calls
     * this first so the cost overlaps loading, validation and planning instead of adding to them.
     */
    public static void warmUp() {
        Thread t = new Thread(SshConnections::clientConfig, "ssh-warm-up");
        t.setDaemon(true);
        t.start();
    }

    public TransportFactory(Inventory inventory, SshOptions options) {
        this.knownHosts = knownHosts(inventory, options);
        this.connections = new SshConnections(inventory::host, options, knownHosts);
    }

    static Path knownHosts(Inventory inventory, SshOptions options) {
        if (options.knownHosts() != null) {
            return options.knownHosts();
        }
        if (inventory.settings() != null && inventory.settings().knownHosts() != null) {
            return Path.of(inventory.settings().knownHosts());
        }
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    /** The known_hosts file host keys are checked against. */
    public Path knownHosts() {
        return knownHosts;
    }

    /** A transport for the host; cheap (no connection is made until the first command). */
    public Transport open(Host host) {
        return switch (host.connection()) {
            case LOCAL -> new LocalTransport(host.name());
            case SSH -> new SshTransport(host, connections);
        };
    }

    @Override
    public void close() {
        connections.close();
    }
}
