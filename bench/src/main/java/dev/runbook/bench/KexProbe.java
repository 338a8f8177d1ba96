package dev.runbook.bench;

import dev.runbook.engine.ssh.SshConnections;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.NegotiatedAlgorithms;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prints the algorithms sshj negotiates with one host, for bench/fanout's "which key exchange did
 * each side use" line: OpenSSH tells that with {@code ssh -v}, sshj only through its API.
 *
 * <p>The client configuration is the engine's own ({@link SshConnections#clientConfig()}), so the kex
 * printed here is the one every engine connection negotiates with the same server. Host keys are
 * checked strictly against the given known_hosts.
 *
 * <p>Usage: {@code KexProbe ADDRESS PORT USER PRIVATE_KEY KNOWN_HOSTS}; prints one line
 * {@code kex=... hostkey=... cipher=... mac=...} and exits 0, or explains the failure and exits 1.
 */
public final class KexProbe {

    private KexProbe() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: KexProbe ADDRESS PORT USER PRIVATE_KEY KNOWN_HOSTS");
            System.exit(2);
        }
        try {
            System.out.println(probe(args[0], Integer.parseInt(args[1]), args[2], args[3], new File(args[4])));
        } catch (IOException | NumberFormatException e) {
            System.err.println("KexProbe: cannot negotiate with " + args[0] + ":" + args[1] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static String probe(String address, int port, String user, String key, File knownHosts) throws IOException {
        AtomicReference<NegotiatedAlgorithms> negotiated = new AtomicReference<>();
        try (SSHClient client = new SSHClient(SshConnections.clientConfig())) {
            client.addHostKeyVerifier(new OpenSSHKnownHosts(knownHosts));
            client.getTransport().addAlgorithmsVerifier(algs -> {
                negotiated.set(algs);
                return true;
            });
            client.connect(address, port);
            // Authenticate too, so the probe proves a full engine-like login, not only a handshake.
            client.authPublickey(user, client.loadKeys(key));
            NegotiatedAlgorithms a = negotiated.get();
            if (a == null) {
                throw new IOException("sshj reported no negotiated algorithms");
            }
            String cipher = a.getClient2ServerCipherAlgorithm();
            // AEAD ciphers carry their own integrity check; sshj still names the MAC it negotiated, unused.
            boolean aead = cipher.contains("poly1305") || cipher.contains("gcm");
            return "kex=" + a.getKeyExchangeAlgorithm() + " hostkey=" + a.getSignatureAlgorithm()
                    + " cipher=" + cipher + " mac=" + (aead ? "<implicit>" : a.getClient2ServerMACAlgorithm());
        }
    }
}
