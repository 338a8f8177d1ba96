package dev.runbook.lab.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Extra bare SSH hosts h1..hN at 127.0.11.1..N for engine tests and benchmarks. */
public final class LabHosts {

    public static final int MAX_EXTRA = 200;

    private LabHosts() {
    }

    /**
     * Ensures hosts h1..hN run ({@code lab/hosts.sh up-extra N}, idempotent; hosts above N that
     * already run are left alone) and returns them. Their inventory is {@code inventories/lab-extra.yml}.
     */
    public static Extra extra(int n) {
        if (n < 1 || n > MAX_EXTRA) {
            throw new IllegalArgumentException("extra host count must be 1.." + MAX_EXTRA + ", got " + n);
        }
        Path root = LabScripts.repoRoot();
        LabScripts.run(root, List.of(root.resolve("lab/hosts.sh").toString(), "up-extra", Integer.toString(n)), 10);
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            addresses.add("127.0.11." + i);
        }
        return new Extra(root.resolve("inventories/lab-extra.yml"), Lab.STATE.resolve("known_hosts"), addresses);
    }

    /** The extra hosts: inventory file, known_hosts file, and address of h(i+1) at index i. */
    public record Extra(Path inventory, Path knownHosts, List<String> addresses) {
        public Extra {
            addresses = List.copyOf(addresses);
        }
    }
}
