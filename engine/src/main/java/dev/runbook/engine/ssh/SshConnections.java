package dev.runbook.engine.ssh;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.transport.TransportException;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.common.KeyType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The run's SSH connections: at most one per host, opened lazily on first use and reused by every
 * command; a host with {@code jump} is reached through a direct-tcpip channel of its jump host's
 * connection. Thread-safe. Closing closes every connection.
 */
public final class SshConnections implements AutoCloseable {

    private final Function<String, Host> hosts;
    private final SshOptions options;
    private final Path knownHosts;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final KnownHostsLines knownHostsLines;
    private DefaultConfig config;
    private final ExecutorService io;

    /**
     * @param hosts      finds a host by inventory name (for jump hosts)
     * @param knownHosts the known_hosts file to check host keys against
     */
    public SshConnections(Function<String, Host> hosts, SshOptions options, Path knownHosts) {
        this.hosts = hosts;
        this.options = options;
        this.knownHosts = knownHosts;
        this.knownHostsLines = new KnownHostsLines(knownHosts);
        this.io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ssh-io");
            t.setDaemon(true);
            return t;
        });
    }

    SshOptions options() {
        return options;
    }

    /** Threads that pump command output and input. */
    ExecutorService io() {
        return io;
    }

    /** The host's connection, opened now if it is not open (or broke). */
    SshConnection get(Host host) throws TransportException {
        return get(host, new LinkedHashSet<>());
    }

    private SshConnection get(Host host, Set<String> chain) throws TransportException {
        if (!chain.add(host.name())) {
            throw new TransportException("jump hosts form a loop: " + String.join(" -> ", chain) + " -> " + host.name(), true);
        }
        Slot slot = slots.computeIfAbsent(host.name(), k -> new Slot());
        synchronized (slot) {
            if (slot.connection != null && slot.connection.isUsable()) {
                return slot.connection;
            }
            if (slot.connection != null) {
                slot.connection.close();
                slot.connection = null;
            }
            slot.connection = open(host, chain);
            return slot.connection;
        }
    }

    private SshConnection open(Host host, Set<String> chain) throws TransportException {
        SSHClient client = new SSHClient(config());
        // Keep-alive must be configured before connect (sshj starts the heartbeat thread on connect).
        client.getConnection().getKeepAlive().setKeepAliveInterval((int) Math.max(1, options.keepAlive().toSeconds()));
        client.setConnectTimeout((int) options.connectTimeout().toMillis());
        client.getTransport().setTimeoutMs((int) options.connectTimeout().toMillis());
        String where = host.address() + ":" + host.port();
        StrictKnownHosts verifier;
        try {
            verifier = new StrictKnownHosts(knownHostsLines, host.address(), host.port(), host.name(), options.acceptNewHostKeys(), options.notices());
        } catch (IOException e) {
            throw new TransportException("cannot read known_hosts file " + knownHosts + ": " + e.getMessage(), true, e);
        }
        client.addHostKeyVerifier(verifier);
        try {
            if (host.jump() != null) {
                Host jump = jumpHost(host);
                SshConnection via = get(jump, chain);
                DirectConnection tunnel = via.client().newDirectConnection(host.address(), host.port());
                client.connectVia(tunnel);
            } else {
                client.connect(host.address(), host.port());
            }
        } catch (IOException e) {
            closeQuietly(client);
            if (verifier.refusal() != null) {
                throw new HostKeyException(verifier.refusal(), e);
            }
            throw new TransportException("cannot connect to " + host.name() + " (" + where
                    + (host.jump() != null ? " via " + host.jump() : "") + "): " + reason(e), true, e);
        } catch (TransportException e) {
            closeQuietly(client);
            throw e;
        }
        try {
            client.authPublickey(host.user(), KeyLoader.load(client, host, options));
        } catch (UserAuthException e) {
            closeQuietly(client);
            throw new TransportException("authentication as " + host.user() + " on " + host.name() + " (" + where + ") failed: the host refused "
                    + (host.privateKey() != null ? "key " + host.privateKey() : "the default keys")
                    + "; is its public key in ~" + host.user() + "/.ssh/authorized_keys there?", true, e);
        } catch (IOException e) {
            closeQuietly(client);
            throw new TransportException("authentication on " + host.name() + " (" + where + ") broke off: " + reason(e), true, e);
        } catch (TransportException e) {
            closeQuietly(client);
            throw e;
        }
        return new SshConnection(host.name(), client, options.maxChannels());
    }

    private Host jumpHost(Host host) throws TransportException {
        try {
            Host jump = hosts.apply(host.jump());
            if (jump == null) {
                throw new IllegalArgumentException("no such host");
            }
            if (jump.connection() != Host.Connection.SSH) {
                throw new TransportException("jump host " + host.jump() + " of " + host.name() + " is not an SSH host", true);
            }
            return jump;
        } catch (IllegalArgumentException e) {
            throw new TransportException("jump host " + host.jump() + " of " + host.name() + " is not in the inventory", true, e);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException) {
            return "connection refused (is sshd running and listening on that address and port?)";
        }
        if (root instanceof SocketTimeoutException) {
            return "timed out (host down, filtered, or wrong address?)";
        }
        if (root instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host name " + root.getMessage();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * One sshj configuration for every connection of the run: building it sets up the security
     * providers, which costs seconds the first time; the factories it holds are shareable.
     */
    private synchronized DefaultConfig config() {
        if (config == null) {
            config = clientConfig();
        }
        return config;
    }

    /**
     * A new instance of the sshj configuration every engine connection uses: sshj's defaults, with
     * RSA SHA-1 ({@code ssh-rsa}) signatures moved last (OpenSSH 9 refuses them, and rsa-sha2-512/256
     * work with the same keys), and keep-alive support. Public so tools that report what the engine
     * negotiates (bench's KexProbe) use exactly this and cannot drift from it.
     */
    public static DefaultConfig clientConfig() {
        DefaultConfig cfg = new DefaultConfig();
        List<Factory.Named<com.hierynomus.sshj.key.KeyAlgorithm>> algs = new ArrayList<>(cfg.getKeyAlgorithms().size());
        List<Factory.Named<com.hierynomus.sshj.key.KeyAlgorithm>> sha1 = new ArrayList<>();
        for (var f : cfg.getKeyAlgorithms()) {
            (f.getName().equals(KeyType.RSA.toString()) ? sha1 : algs).add(f);
        }
        algs.addAll(sha1);
        cfg.setKeyAlgorithms(algs);
        cfg.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        return cfg;
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException e) {
            // Already failing with a better message; a failed disconnect adds nothing.
            return;
        }
    }

    @Override
    public void close() {
        for (Slot slot : slots.values()) {
            synchronized (slot) {
                if (slot.connection != null) {
                    slot.connection.close();
                    slot.connection = null;
                }
            }
        }
        io.shutdownNow();
    }

    private static final class Slot {
        private SshConnection connection;
    }
}
