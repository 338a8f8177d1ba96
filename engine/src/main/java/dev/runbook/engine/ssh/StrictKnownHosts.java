package dev.runbook.engine.ssh;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

import java.io.File;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * Strict host-key checking against one known_hosts file. An unknown key is refused unless
 * accepting new keys was asked for (then it is appended and the operator told); a changed key is
 * always refused. The refusal is remembered so the connect error can say exactly what happened.
 */
final class StrictKnownHosts extends OpenSSHKnownHosts {

    private final KnownHostsLines known;
    private final String hostName;
    private final boolean acceptNew;
    private final Consumer<String> notices;
    private volatile String refusal;

    /** Verifies against only the entries of {@code known} for this host's address and port. */
    StrictKnownHosts(KnownHostsLines known, String address, int port, String hostName, boolean acceptNew,
                     Consumer<String> notices) throws IOException {
        super(new java.io.StringReader(known.entriesFor(address, port)));
        this.known = known;
        this.hostName = hostName;
        this.acceptNew = acceptNew;
        this.notices = notices;
    }

    @Override
    public File getFile() {
        return known.file().toFile();
    }

    /** Why the host key was refused, or null when it was not. */
    String refusal() {
        return refusal;
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String entry, PublicKey key) {
        KeyType type = KeyType.fromKey(key);
        String offered = type + " " + fingerprint(key);
        if (acceptNew) {
            try {
                known.append(entry + " " + type + " "
                        + Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData()));
            } catch (IOException e) {
                refusal = "host " + hostName + " (" + entry + ") offered the new key " + offered + " but it could not be added to "
                        + getFile() + ": " + e.getMessage();
                return false;
            }
            notices.accept("Added the host key of " + hostName + " (" + entry + ", " + offered + ") to " + getFile()
                    + " (accept new host keys is on).");
            return true;
        }
        String[] hp = hostPort(entry);
        refusal = "host key of " + hostName + " (" + entry + ") is not in " + getFile() + ": the host offered " + offered
                + ". Compare that fingerprint with the host's own (ssh-keygen -lf /etc/ssh/ssh_host_" + shortType(type)
                + "_key.pub on the host), then add it: ssh-keyscan -p " + hp[1] + " " + hp[0] + " >> " + getFile()
                + "; or run with accept-new-host-keys to trust keys of hosts seen for the first time.";
        return false;
    }

    @Override
    protected boolean hostKeyChangedAction(String entry, PublicKey key) {
        String offered = KeyType.fromKey(key) + " " + fingerprint(key);
        refusal = "HOST KEY CHANGED for " + hostName + " (" + entry + "): it offered " + offered + ", which differs from the key in "
                + getFile() + ". Someone may be intercepting the connection, or the host was reinstalled. If you know the new key "
                + "is right, remove the old entry (ssh-keygen -R '" + entry + "' -f " + getFile() + ") and add the new one.";
        return false;
    }

    /**
     * The host key algorithms to prefer, from known_hosts. An {@code ssh-rsa} entry means the RSA key
     * is known, not that SHA-1 signatures should be used: offer rsa-sha2-512/256 for it (OpenSSH 9
     * refuses SHA-1 {@code ssh-rsa}).
     */
    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        List<String> out = new ArrayList<>();
        for (String alg : super.findExistingAlgorithms(hostname, port)) {
            if (alg.equals(KeyType.RSA.toString())) {
                addOnce(out, "rsa-sha2-512");
                addOnce(out, "rsa-sha2-256");
            } else {
                addOnce(out, alg);
            }
        }
        return out;
    }

    private static void addOnce(List<String> list, String s) {
        if (!list.contains(s)) {
            list.add(s);
        }
    }

    /** OpenSSH-style SHA256 fingerprint: base64 of the key blob's SHA-256, without padding. */
    static String fingerprint(PublicKey key) {
        try {
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String shortType(KeyType type) {
        return switch (type) {
            case ED25519 -> "ed25519";
            case RSA -> "rsa";
            default -> "ecdsa";
        };
    }

    private static String[] hostPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf("]:");
            if (close > 0) {
                return new String[]{entry.substring(1, close), entry.substring(close + 2)};
            }
        }
        return new String[]{entry, "22"};
    }
}
