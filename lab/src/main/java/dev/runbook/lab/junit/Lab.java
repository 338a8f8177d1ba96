package dev.runbook.lab.junit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running lab, as tests see it: where the repository, the generated inventory and the SSH
 * material are, and which loopback address each SSH host has. Every host's sshd listens on
 * {@link #SSH_PORT} and accepts {@link #SSH_USER} with the client keys under {@link #clientDir()}.
 */
public record Lab(Path repoRoot, Path inventory, Path knownHosts, Path clientDir, Map<String, String> hosts) {

    public static final int SSH_PORT = 2222;
    public static final String SSH_USER = "deploy";
    public static final Path STATE = Path.of("/var/lib/runbook-lab");

    /** The lab's main hosts in inventory order; lab/hosts.sh starts exactly these. */
    public static final Map<String, String> MAIN_HOSTS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lb1", "127.0.10.1");
        m.put("app1", "127.0.10.11");
        m.put("app2", "127.0.10.12");
        m.put("app3", "127.0.10.13");
        m.put("db1", "127.0.10.20");
        MAIN_HOSTS = java.util.Collections.unmodifiableMap(m);
    }

    public Lab {
        hosts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
    }

    static Lab at(Path repoRoot) {
        return new Lab(repoRoot, repoRoot.resolve("inventories/lab.yml"), STATE.resolve("known_hosts"),
                STATE.resolve("client"), MAIN_HOSTS);
    }

    /** The default client key (ed25519), authorized for {@link #SSH_USER} on every lab host. */
    public Path clientKey() {
        return clientDir.resolve("id_ed25519");
    }

    /**
     * A client key by file name: {@code id_ed25519}, {@code id_rsa} (OpenSSH format), {@code id_rsa_pem}
     * (PEM), {@code id_ecdsa}, {@code id_ed25519_enc} (passphrase in {@code id_ed25519_enc.passphrase}).
     */
    public Path clientKey(String fileName) {
        return clientDir.resolve(fileName);
    }

    /** The loopback address of a main host. */
    public String address(String host) {
        String a = hosts.get(host);
        if (a == null) {
            throw new IllegalArgumentException("no lab host '" + host + "'; lab hosts are " + hosts.keySet());
        }
        return a;
    }
}
