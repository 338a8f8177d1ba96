package dev.runbook.engine.ssh;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;

/**
 * The lines of a known_hosts file, read once per run, from which each connection takes only the
 * entries for its own host. sshj parses every key of the file it is given, which costs several
 * milliseconds per entry: with hundreds of hosts in one file, that made each connection take seconds.
 */
final class KnownHostsLines {

    private final Path file;
    private volatile List<String> lines;

    KnownHostsLines(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The entries (and @revoked / @cert-authority markers) that can apply to {@code address:port}. */
    String entriesFor(String address, int port) throws IOException {
        String wanted = port == 22 ? address : "[" + address + "]:" + port;
        StringBuilder out = new StringBuilder();
        for (String line : lines()) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            String hosts = parts[0].startsWith("@") && parts.length > 1 ? parts[1] : parts[0];
            if (matches(hosts, wanted)) {
                out.append(l).append('\n');
            }
        }
        return out.toString();
    }

    /** Appends an accepted entry and forgets the cached lines so later connections see it. */
    synchronized void append(String entryLine) throws IOException {
        Files.writeString(file, entryLine + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        lines = null;
    }

    private List<String> lines() throws IOException {
        List<String> l = lines;
        if (l == null) {
            synchronized (this) {
                l = lines;
                if (l == null) {
                    l = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
                    lines = l;
                }
            }
        }
        return l;
    }

    private static boolean matches(String hostField, String wanted) {
        if (hostField.startsWith("|1|")) {
            return hashedMatches(hostField, wanted);
        }
        for (String h : hostField.split(",")) {
            if (h.equals(wanted) || (h.contains("*") || h.contains("?")) && glob(h, wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean glob(String pattern, String s) {
        String regex = pattern.replace(".", "\\.").replace("[", "\\[").replace("]", "\\]").replace("*", ".*").replace("?", ".");
        return s.matches(regex);
    }

    /** OpenSSH HashKnownHosts form: |1|base64(salt)|base64(HMAC-SHA1(salt, host)). */
    private static boolean hashedMatches(String field, String wanted) {
        String[] p = field.split("\\|");
        if (p.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(p[2]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] hash = mac.doFinal(wanted.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash).equals(p[3]);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false; // a malformed hashed line cannot match; sshj would skip it too
        }
    }
}
