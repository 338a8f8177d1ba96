package dev.runbook.bench;

import dev.runbook.engine.inventory.Host;
import dev.runbook.engine.inventory.Inventory;
import dev.runbook.engine.inventory.InventorySettings;
import dev.runbook.engine.source.SourcePos;
import dev.runbook.engine.transport.ExecRequest;
import dev.runbook.engine.transport.ExecResult;
import dev.runbook.engine.ssh.SshOptions;
import dev.runbook.engine.ssh.TransportFactory;
import dev.runbook.engine.transport.Transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The engine's SSH transport alone, without planner or executor: K hosts x M steps of /bin/true,
 * each step on every host in parallel and finished everywhere before the next (like chained steps).
 * bench/fanout prints it as "transport only" beside the real engine: it shows how much of the
 * engine's time is the transport's (sshj connection set-up and channels), and it runs before the
 * engine's {@code run} command exists.
 *
 * <p>Usage: {@code TransportFanout HOSTS STEPS KNOWN_HOSTS PRIVATE_KEY USER PORT}; hosts are
 * 127.0.11.1..HOSTS (lab/hosts.sh up-extra). Prints the seconds from before the first connection
 * until every command ended and every connection closed; exits 1 if any command failed.
 */
public final class TransportFanout {

    private TransportFanout() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: TransportFanout HOSTS STEPS KNOWN_HOSTS PRIVATE_KEY USER PORT");
            System.exit(2);
        }
        int hosts = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        Inventory inventory = inventory(hosts, args[3], args[4], Integer.parseInt(args[5]), args[2]);
        SshOptions options = SshOptions.defaults().withKnownHosts(Path.of(args[2]));

        long start = System.nanoTime();
        int failures = 0;
        ExecutorService pool = Executors.newFixedThreadPool(hosts);
        try (TransportFactory factory = new TransportFactory(inventory, options)) {
            List<Transport> transports = inventory.hosts().values().stream().map(factory::open).toList();
            for (int step = 0; step < steps; step++) {
                List<Future<ExecResult>> results = new ArrayList<>();
                for (Transport t : transports) {
                    results.add(pool.submit(() -> t.exec(ExecRequest.argv("/bin/true"))));
                }
                for (Future<ExecResult> f : results) {
                    try {
                        if (!f.get().ok()) {
                            failures++;
                        }
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures++;
                        System.err.println("TransportFanout: " + e.getCause().getMessage());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(java.util.Locale.ROOT, "%.3f%n", (System.nanoTime() - start) / 1e9);
        if (failures > 0) {
            System.err.println("TransportFanout: " + failures + " of " + hosts * steps + " commands failed");
            System.exit(1);
        }
    }

    private static Inventory inventory(int count, String key, String user, int port, String knownHosts) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            String name = "h" + i;
            hosts.put(name, new Host(name, "127.0.11." + i, port, user, key, Host.Connection.SSH, null, Map.of(), SourcePos.UNKNOWN));
        }
        InventorySettings settings = new InventorySettings(knownHosts, null, InventorySettings.DEFAULTS.lockPath(), false);
        return new Inventory("fanout", null, hosts, Map.of(), settings);
    }
}
